import pytest

from tests.webhooks.receiver import Receiver
from webhooks.models import EVENTS, Endpoint


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.close()


@pytest.fixture
def endpoint(db, receiver):
    return Endpoint.objects.create(url=receiver.url, events=list(EVENTS))
