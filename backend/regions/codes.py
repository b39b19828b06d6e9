"""GB/T 2260 code arithmetic: 33 0000 province, 3301 00 city, 330106 county."""


def is_code(text: str) -> bool:
    """Six digits, as every region's code is."""
    return len(text) == 6 and text.isdigit()


def covers(region: str, place: str) -> bool:
    """Whether `region` is `place` itself or one of its ancestors."""
    if region.endswith("0000"):
        return place[:2] == region[:2]
    if region.endswith("00"):
        return place[:4] == region[:4]
    return place == region


def ancestors(place: str) -> list[str]:
    """The place and the regions above it, nearest first."""
    chain = [place]
    if not place.endswith("00"):
        chain.append(place[:4] + "00")
    if not place.endswith("0000"):
        chain.append(place[:2] + "0000")
    return chain
