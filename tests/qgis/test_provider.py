"""The provider registers and lists every algorithm defined in ``algorithms/``."""

from permafrost_magt.algorithms.base import GROUPS
from permafrost_magt.algorithms.provider import algorithm_classes


def test_provider_identity(provider):
    assert provider.id() == "permafrost"
    assert provider.name() == "Permafrost ground temperature"
    assert not provider.icon().isNull()


def test_every_algorithm_is_listed_with_group_and_help(provider):
    expected = {cls.NAME for cls in algorithm_classes()}
    listed = {alg.name() for alg in provider.algorithms()}
    assert listed == expected | {"Permafrost MAGT workflow"}  # the bundled model (resources/models)
    for alg in provider.algorithms():
        if alg.name() not in expected:
            continue
        assert alg.groupId() in GROUPS
        assert alg.displayName()
        assert alg.shortHelpString().strip()
        for param in alg.parameterDefinitions():
            assert param.help(), f"{alg.name()}: parameter {param.name()} has no help"
