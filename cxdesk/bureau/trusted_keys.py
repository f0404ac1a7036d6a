"""A bureau registering a key from a stamped form: only for a party of its own area.

``cxdesk trust add`` and the trusted-keys page call :func:`register_party_key`.  A school's
key is registered only when the school belongs to this bureau's county (the register's
county when the school is in it, else the county given, else this county); a bureau's key
only for a county of the prefecture or the prefecture itself.  The registration itself is
cxdesk.exchange.trust.register_key (one valid key per party; ``replace`` revokes the old).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from cxdesk import reference as ref
from cxdesk.bureau.register import OUTSIDE_COUNTY
from cxdesk.bureau.register_rule import register_entry
from cxdesk.errors import InputError
from cxdesk.exchange.trust import register_key
from cxdesk.i18n import Text
from cxdesk.models import Installation, TrustedKey
from cxdesk.services.bureaus import own_bureau

UNKNOWN_COUNTY = Text(
    "县市“{value}”无法识别（可写代码或名称，如 532301 或 楚雄市）。",
    "{value!r} is not a county (give its code or name, e.g. 532301 or 楚雄市).",
)
REGISTER_SAYS = Text(
    "学校 {code} 在本局名册中属于{register}，不是{given}。请先核对名册。",
    "School {code} is in {register} according to this bureau's register, not {given}. Check "
    "the register first.",
)
NOT_OUR_BUREAU = Text(
    "代码 {code} 不是楚雄州或其县市的行政区划代码，不能登记。",
    "{code} is not the code of Chuxiong prefecture or one of its counties; not registered.",
)


def register_party_key(
    session: Session,
    *,
    fingerprint: str,
    code: str,
    name: str,
    county: str | None = None,
    role: str | None = None,
    note: str | None = None,
    replace: bool = False,
) -> TrustedKey:
    """Register the key typed from ``code``'s stamped form, if ``code`` is of our area."""
    code = (code or "").strip()
    if is_bureau(session):
        bureau = own_bureau(session)
        if len(code) == 10:
            entry = register_entry(session, code)
            given = None
            if county and county.strip():
                given = ref.COUNTIES.parse(county)
                if given is None:
                    raise InputError(UNKNOWN_COUNTY(value=county))
            if entry is not None and given is not None and given != entry.county_code:
                raise InputError(
                    REGISTER_SAYS(
                        code=code,
                        register=ref.COUNTIES.label(entry.county_code),
                        given=ref.COUNTIES.label(given),
                    )
                )
            home = entry.county_code if entry is not None else (given or bureau.county_code)
            if bureau.county_code is not None and home != bureau.county_code:
                raise InputError(
                    OUTSIDE_COUNTY(
                        code=code,
                        county=ref.COUNTIES.label(home),
                        own=ref.COUNTIES.label(bureau.county_code),
                    )
                )
        elif len(code) == 6 and code not in ref.COUNTIES and code != ref.PREFECTURE_CODE:
            raise InputError(NOT_OUR_BUREAU(code=code))
    return register_key(
        session,
        fingerprint=fingerprint,
        code=code,
        name=name,
        role=role,
        note=note,
        replace=replace,
    )


def is_bureau(session: Session) -> bool:
    """Whether this installation is a county or the prefecture (not a school, not unset)."""
    installation = session.get(Installation, 1)
    return installation is not None and installation.role in ("county", "prefecture")
