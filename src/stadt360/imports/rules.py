"""Who may read an import's uploaded file: members of the run's organisation and city staff.

The file may hold personal data and, when it was rejected, hostile content; the run's
report is what everyone else works with.
"""

import rules

from stadt360.accounts.rules import is_city_staff, is_member_of

rules.add_perm("imports.download_file", is_member_of | is_city_staff)
