"""Permissions of the cooperation board (autodiscovered by ``rules``).

| permission                     | object              | who                                  |
|--------------------------------|---------------------|--------------------------------------|
| cooperation.add_post           | provider            | members of the organisation          |
| cooperation.change_post        | post                | members of the post's organisation   |
| cooperation.send_interest      | provider            | members of the organisation          |
| cooperation.answer_interest    | interest recipient  | members of the recipient organisation|
"""

import rules

from stadt360.accounts.rules import is_member_of

rules.add_perm("cooperation.add_post", is_member_of)
rules.add_perm("cooperation.change_post", is_member_of)
rules.add_perm("cooperation.send_interest", is_member_of)
rules.add_perm("cooperation.answer_interest", is_member_of)
