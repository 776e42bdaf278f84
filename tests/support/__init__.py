"""What test modules and conftests import besides tests/builders.py (the panel
builders) and tests/factories.py: test infrastructure (SMTP server, Redis
caches, the browser's checks, hostile files …) and test data (forms, results,
question sets). Test modules import from tests/ only these three; fixtures live
in conftest.py files (tests/test_test_layout.py checks both)."""
