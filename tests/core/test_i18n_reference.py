"""Bilingual text, typed errors and the code lists."""

from __future__ import annotations

import pytest

from cxdesk import reference as ref
from cxdesk.errors import DatabaseTooNewError, InputError, UserError
from cxdesk.i18n import Text, current_language, set_language

GREETING = Text("你好，{name}", "Hello, {name}")


def test_text_follows_the_chosen_language() -> None:
    message = GREETING(name="张丽")
    assert str(message) == "你好，张丽"
    set_language("en")
    assert current_language() == "en"
    assert str(message) == "Hello, 张丽"
    assert message.render("zh") == "你好，张丽"  # an explicit language wins


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError):
        set_language("fr")
    assert current_language() == "zh"


def test_user_errors_render_message_and_details() -> None:
    error = InputError(GREETING(name="A"), details=[GREETING(name="B"), GREETING(name="C")])
    assert error.render("zh") == "你好，A\n  你好，B\n  你好，C"
    assert str(error) == "Hello, A"  # the exception's own text, for logs
    assert error.exit_code == 2
    assert isinstance(DatabaseTooNewError(GREETING(name="x")), UserError)


def test_every_code_list_has_unique_codes_and_both_labels() -> None:
    for codes in ref.ALL_LISTS:
        assert len(set(codes.codes)) == len(codes), codes.name
        for choice in codes:
            assert choice.zh and choice.en, (codes.name, choice.code)


@pytest.mark.parametrize(
    ("codes", "typed", "code"),
    [
        (ref.COUNTIES, "532301", "532301"),
        (ref.COUNTIES, "武定县", "532329"),
        (ref.COUNTIES, " Lufeng City ", "532302"),
        (ref.SCHOOL_KINDS, "nine-year school", "nine-year"),
        (ref.ETHNIC_GROUPS, "彝族", "07"),
        (ref.CERTIFICATE_KINDS, "国家心理咨询师二级", "nc_level2"),
        (ref.COUNTIES, "昆明市", None),
        (ref.COUNTIES, "532331", None),  # Lufeng's old code: identity numbers only
    ],
)
def test_code_lists_read_codes_and_labels(
    codes: ref.CodeList, typed: str, code: str | None
) -> None:
    assert codes.parse(typed) == code


def test_labels() -> None:
    assert ref.TRAINING_LEVELS.label("prefecture") == "州级"
    assert ref.TRAINING_LEVELS.label("prefecture", "en") == "Prefecture"
    assert ref.TRAINING_LEVELS.label(None) == ""
    assert ref.TRAINING_LEVELS.label("unknown") == "unknown"


def test_domain_facts() -> None:
    assert len(ref.COUNTIES) == 10  # the ten counties and cities of Chuxiong
    assert ref.CERTIFICATE_KINDS.codes[:2] == (ref.CERT_LEVEL2, ref.CERT_LEVEL3)
    assert ref.CERTIFICATE_KINDS.codes[-1] == "other"
    assert ref.TRAINING_LEVELS.codes == ("national", "provincial", "prefecture", "county", "school")
    assert set(ref.SCHOOL_CODE_KIND_PREFIXES) <= set(ref.SCHOOL_CODE_PREFIXES)


def test_a_bilingual_parameter_follows_the_language_of_the_sentence() -> None:
    field = Text("学校名称", "School name")
    required = Text("“{field}”必须填写", "{field} is required")
    message = required(field=field)
    assert message.render("zh") == "“学校名称”必须填写"
    assert message.render("en") == "School name is required"  # though zh is current
    nested = GREETING(name=required(field=field))
    assert nested.render("en") == "Hello, School name is required"
