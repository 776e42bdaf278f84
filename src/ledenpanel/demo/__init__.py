"""The demo party: a generator (for the demo, tests and benchmarks) and its loader.

``generate_party`` is pure Python; ``ensure_demo_party`` needs Django set up.
"""

from ledenpanel.demo.generator import (
    MEMBER_HEADERS,
    NATIONAL_CODE,
    NATIONAL_NAME,
    UNIT_HEADERS,
    DemoParty,
    generate_party,
    members_csv_bytes,
    party_problems,
    units_csv_bytes,
    write_members_csv,
    write_units_csv,
)
from ledenpanel.demo.loader import (
    DEMO_LOGINS,
    DEMO_URL,
    DemoDatabaseInUse,
    DemoLogin,
    banner,
    demo_party_loaded,
    ensure_demo_party,
)

__all__ = [
    "DEMO_LOGINS",
    "DEMO_URL",
    "MEMBER_HEADERS",
    "NATIONAL_CODE",
    "NATIONAL_NAME",
    "UNIT_HEADERS",
    "DemoDatabaseInUse",
    "DemoLogin",
    "DemoParty",
    "banner",
    "demo_party_loaded",
    "ensure_demo_party",
    "generate_party",
    "members_csv_bytes",
    "party_problems",
    "units_csv_bytes",
    "write_members_csv",
    "write_units_csv",
]
