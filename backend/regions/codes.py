"""GB/T 2260 code arithmetic: 33 0000 province, 3301 00 city, 330106 county; below a county,
a township's nine digits (GB/T 10114): 330106 109 三墩镇."""

COUNTY_DIGITS = 6
TOWNSHIP_DIGITS = 9


def is_code(text: str) -> bool:
    """Six digits (a province, city or county) or nine (a township)."""
    return len(text) in (COUNTY_DIGITS, TOWNSHIP_DIGITS) and text.isascii() and text.isdigit()


def is_county_code(text: str) -> bool:
    """Six digits: a province, city or county, as staff and matters are scoped."""
    return len(text) == COUNTY_DIGITS and text.isascii() and text.isdigit()


def county_of(place: str) -> str:
    """The six-digit code a place is in: a township's county, or the place itself."""
    return place[:COUNTY_DIGITS]


def code_range(region: str) -> tuple[str, str]:
    """The region and the regions below it as the codes [lo, hi): a range an index serves,
    not a LIKE. Every code of the region starts with lo."""
    prefix = (
        region[:2] if region.endswith("0000") else region[:4] if region.endswith("00") else region
    )
    return prefix, str(int(prefix) + 1)


def covers(region: str, place: str) -> bool:
    """Whether `region` is `place` itself or one of its ancestors."""
    if len(region) == TOWNSHIP_DIGITS:
        return place == region
    if region.endswith("0000"):
        return place[:2] == region[:2]
    if region.endswith("00"):
        return place[:4] == region[:4]
    return place[:COUNTY_DIGITS] == region


def ancestors(place: str) -> list[str]:
    """The place and the regions above it, nearest first."""
    chain = [place]
    if len(place) == TOWNSHIP_DIGITS:
        place = place[:COUNTY_DIGITS]
        chain.append(place)
    if not place.endswith("00"):
        chain.append(place[:4] + "00")
    if not place.endswith("0000"):
        chain.append(place[:2] + "0000")
    return chain
