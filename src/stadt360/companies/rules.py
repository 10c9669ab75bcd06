"""Permissions of company profiles (autodiscovered by ``rules``), built on accounts' predicates.

| permission                | object   | who                                   |
|---------------------------|----------|---------------------------------------|
| companies.change_company  | provider | members of the organisation           |
| companies.verify_company  | company  | city moderators and admins            |
"""

import rules

from stadt360.accounts.rules import is_city_staff, is_member_of

rules.add_perm("companies.change_company", is_member_of)
rules.add_perm("companies.verify_company", is_city_staff)
