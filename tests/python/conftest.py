"""Shared set-up of the Python package tests: where the build's fixtures are."""
import os

import pytest

ARTIFACTS = os.environ.get("SPIKECORE_TEST_ARTIFACTS", os.path.join("build", "test-artifacts"))


@pytest.fixture(scope="session")
def artifacts():
    image = os.path.join(ARTIFACTS, "mnist_mlp.scimg")
    if not os.path.isfile(image):
        pytest.fail("fixture image missing: %s (ctest's sim.fixture.default_image makes it)" % image)
    return ARTIFACTS


@pytest.fixture(scope="session")
def trained_mlp(artifacts):
    """The fixture's trained 784-32-10 MLP, loaded with torch."""
    import torch
    return torch.jit.load(os.path.join(artifacts, "mnist_mlp.pt"))
