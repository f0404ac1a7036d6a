"""Identity numbers (GB 11643-1999), their masking, school codes and phone numbers."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from cxdesk import validation as v


def test_domain_example_is_valid() -> None:
    # 11010519491231002X: weighted sum 167, 167 mod 11 = 2, check character X.
    assert v.identity_check_character("11010519491231002") == "X"
    assert v.check_identity_number("11010519491231002X") is None


def test_lower_case_x_is_accepted_and_stored_upper_case() -> None:
    assert v.check_identity_number("11010519491231002x") is None
    assert v.normalize_identity_number(" 11010519491231002x ") == "11010519491231002X"
    info = v.identity_info("11010519491231002x")
    assert info is not None
    assert info.number == "11010519491231002X"


def test_full_width_characters_typed_by_a_chinese_input_method_are_normalised() -> None:
    typed = "１１０１０５１９４９１２３１００２ｘ"
    assert v.normalize_identity_number(typed) == "11010519491231002X"
    assert v.check_identity_number(typed) is None


def test_identity_info_gives_birth_date_and_gender() -> None:
    info = v.identity_info("11010519491231002X")
    assert info == v.IdentityInfo("11010519491231002X", date(1949, 12, 31), "F")  # 2 is even
    male = "53230119850312003"
    male += v.identity_check_character(male)
    male_info = v.identity_info(male)
    assert male_info is not None
    assert male_info.gender == "M"
    assert v.identity_info("11010519491231002Y") is None


@pytest.mark.parametrize(
    ("number", "reason", "params"),
    [
        ("1101051949123100", v.ID_LENGTH, {"length": 16}),
        ("11010519491231002X1", v.ID_LENGTH, {"length": 19}),
        ("", v.ID_LENGTH, {"length": 0}),
        ("1101051949123100XX", v.ID_CHARACTERS, {}),
        ("11010519491231002A", v.ID_CHARACTERS, {}),
        ("11010519A91231002X", v.ID_CHARACTERS, {}),
        ("١١٠١٠٥١٩٤٩١٢٣١٠٠٢X", v.ID_CHARACTERS, {}),  # Arabic-Indic digits are not digits here
        ("110105194902300021", v.ID_BIRTH_DATE, {"text": "19490230"}),
        ("110105194913010021", v.ID_BIRTH_DATE, {"text": "19491301"}),
        ("110105189912310021", v.ID_BIRTH_DATE, {"text": "18991231"}),
        ("110105299912310021", v.ID_BIRTH_DATE, {"text": "29991231"}),
        ("110105194912310021", v.ID_CHECK_DIGIT, {"found": "1", "expected": "X"}),
        ("110105194912310020", v.ID_CHECK_DIGIT, {"found": "0", "expected": "X"}),
    ],
)
def test_wrong_identity_numbers_say_why(
    number: str, reason: object, params: dict[str, str]
) -> None:
    problem = v.check_identity_number(number)
    assert problem is not None
    assert problem.text is reason
    assert dict(problem.params) == params


def test_wrong_check_digit_message_in_both_languages() -> None:
    problem = v.check_identity_number("110105194912310021")
    assert problem is not None
    assert problem.render("zh") == "身份证号校验位错误：末位为1，按前17位应为X"
    assert problem.render("en") == "Wrong check character: it is 1, the first 17 digits give X"


def test_every_check_character_is_reachable() -> None:
    # Vary the sequence digits so that every remainder mod 11 is produced once.
    seen = {v.identity_check_character(f"53230119850312{n:03d}") for n in range(1000)}
    assert seen == set("10X98765432")


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("11010519491231002X", "110105********002X"),
        ("532301198503120026", "532301********0026"),
        (None, ""),
        ("", ""),
        ("12345", "*****"),
    ],
)
def test_masking_shows_only_the_ends(number: str | None, masked: str) -> None:
    assert v.mask_identity_number(number) == masked


def test_masking_hides_the_birth_date() -> None:
    masked = v.mask_identity_number("11010519491231002X")
    assert "19491231" not in masked
    assert len(masked) == 18


@pytest.mark.parametrize(
    "code", ["2153230001", "3153000123", "3453999999", "3653000001", "5153000001", "1153000001"]
)
def test_valid_school_codes(code: str) -> None:
    assert v.check_school_code(code) is None
    assert v.check_school_code(f" {code} ") is None


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("215323000", v.SCHOOL_CODE_FORMAT),
        ("21532300011", v.SCHOOL_CODE_FORMAT),
        ("21532300O1", v.SCHOOL_CODE_FORMAT),
        ("2153230001\n1", v.SCHOOL_CODE_FORMAT),
        ("", v.SCHOOL_CODE_FORMAT),
        ("2253230001", v.SCHOOL_CODE_KIND),
        ("9953230001", v.SCHOOL_CODE_KIND),
        ("2152230001", v.SCHOOL_CODE_PROVINCE),
        ("2111230001", v.SCHOOL_CODE_PROVINCE),
    ],
)
def test_wrong_school_codes_say_why(code: str, reason: object) -> None:
    problem = v.check_school_code(code)
    assert problem is not None
    assert problem.text is reason


def test_school_code_messages_name_the_part_that_is_wrong() -> None:
    kind = v.check_school_code("2253230001")
    province = v.check_school_code("2152230001")
    assert kind is not None and province is not None
    assert "22" in kind.render("zh") and "22" in kind.render("en")
    assert province.render("zh") == "学校标识码第3-4位应为云南省代码53，现为52"


@pytest.mark.parametrize(
    "phone", ["0878-3122846", "13987801234", "+86 878 3122846", "(0878)3122846"]
)
def test_valid_phones(phone: str) -> None:
    assert v.check_phone(phone) is None


@pytest.mark.parametrize("phone", ["1234", "0878-31228xx", "电话", "1" * 21])
def test_wrong_phones(phone: str) -> None:
    assert v.check_phone(phone) is not None


@given(
    born=st.dates(min_value=date(1920, 1, 1), max_value=date(2010, 12, 31)),
    sequence=st.integers(min_value=0, max_value=999),
    position=st.integers(min_value=0, max_value=16),
    shift=st.integers(min_value=1, max_value=9),
)
def test_any_single_wrong_digit_is_caught(
    born: date, sequence: int, position: int, shift: int
) -> None:
    """Weights 7 9 10 ... are all non-zero mod 11 (a prime): one wrong digit changes the sum."""
    first17 = f"532301{born:%Y%m%d}{sequence:03d}"
    number = first17 + v.identity_check_character(first17)
    assert v.check_identity_number(number) is None
    digit = (int(number[position]) + shift) % 10
    typo = number[:position] + str(digit) + number[position + 1 :]
    assert v.check_identity_number(typo) is not None


@given(
    born=st.dates(min_value=date(1920, 1, 1), max_value=date(2010, 12, 31)),
    sequence=st.integers(min_value=0, max_value=999),
    position=st.integers(min_value=0, max_value=15),
)
def test_swapped_neighbouring_digits_are_caught(born: date, sequence: int, position: int) -> None:
    first17 = f"532301{born:%Y%m%d}{sequence:03d}"
    number = first17 + v.identity_check_character(first17)
    a, b = number[position], number[position + 1]
    assume(a != b)
    swapped = number[:position] + b + a + number[position + 2 :]
    assert v.check_identity_number(swapped) is not None


def test_full_width_characters_from_chinese_input_methods_are_read_as_ascii() -> None:
    # What a Chinese input method types in full-width mode (issue 13).
    assert v.normalize_typed("２１５３２３０００１") == "2153230001"
    assert v.normalize_typed("０８７８－３１２２８４６") == "0878-3122846"
    assert v.normalize_typed("（０８７８）３１２２８４６") == "(0878)3122846"
    assert v.normalize_typed("　ＺＸ１６００１２３　").strip() == "ZX1600123"
    assert v.check_school_code("２１５３２３０００１") is None
    assert v.check_phone("０８７８－３１２２８４６") is None
    assert v.check_identity_number("１１０１０５１９４９１２３１００２ｘ") is None
