import pytest


@pytest.fixture(autouse=True)
def _tasks_at_once(immediate_tasks: None) -> None:
    """Notification mails are sent by tasks; here they run inside the test."""
