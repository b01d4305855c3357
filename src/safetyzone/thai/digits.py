"""Thai digits (๐-๙) to Arabic digits (0-9) and back."""

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
ARABIC_DIGITS = "0123456789"
_TO_ARABIC = str.maketrans(THAI_DIGITS, ARABIC_DIGITS)
_TO_THAI = str.maketrans(ARABIC_DIGITS, THAI_DIGITS)


def to_arabic(s: str) -> str:
    """Replace Thai digits with 0-9; every other character is kept as it is."""
    return s.translate(_TO_ARABIC)


def to_thai(s: str) -> str:
    """Replace 0-9 with Thai digits; every other character is kept as it is."""
    return s.translate(_TO_THAI)
