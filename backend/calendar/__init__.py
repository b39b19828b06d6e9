"""Working days (工作日): the national schedule of public holidays and make-up working days,
with regions' own overrides, for counting statutory and promised time limits."""
