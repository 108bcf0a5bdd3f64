"""The Ray runner on a local Ray instance (skipped without Ray).

Ray starts with 3 logical CPUs and at most 2 actors (CPU count minus 1: with as
many actors as CPUs Ray Data can hang, ray-project/ray#44687).
"""

import json

import pytest

ray = pytest.importorskip("ray")
pytestmark = pytest.mark.slow  # a local Ray starts in about 10 s

import veil.ray  # noqa: E402
from veil import Pattern, PatternRecognizer  # noqa: E402
from veil.engine.local import AnonymizerSpec  # noqa: E402
from veil.engine.sharded import RunDir, ShardedRun  # noqa: E402
from veil.policy import Policy  # noqa: E402

EMAIL = PatternRecognizer(
    "TestEmail", "EMAIL", [Pattern("email", r"[\w.+-]+@[\w-]+\.[\w.]+", 0.9)], trigger="@"
)
KEY = "hex:" + "cd" * 32
SPEC = AnonymizerSpec(
    policy=Policy.from_dict({"operators": {"EMAIL": {"type": "pseudonymize"}}}),
    key=KEY,
    recognizers=(EMAIL,),
)


@pytest.fixture(scope="module")
def local_ray():
    ray.init(
        num_cpus=3,
        include_dashboard=False,
        log_to_driver=False,
        object_store_memory=80 * 1024 * 1024,
    )
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    yield ray
    ray.shutdown()


def test_pseudonyms_agree_across_actors(local_ray):
    n = 400
    items = [{"id": i, "text": f"mail u{i % 5}@x.io now", "n": i * 2} for i in range(n)]
    ds = ray.data.from_items(items, override_num_blocks=20)
    out = veil.ray.anonymize(ds, SPEC, concurrency=2, batch_size=10)
    rows = sorted(out.take_all(), key=lambda r: r["id"])
    anon = SPEC.build()  # this process: a third Anonymizer, same key
    assert [r["n"] for r in rows] == [i * 2 for i in range(n)]
    for r in rows:
        assert r["text"] == anon.anonymize(items[r["id"]]["text"]).text
        assert "@x.io" not in r["text"]
    assert len({r["text"] for r in rows}) == len({r["text"] for r in rows[:5]})


def test_engine_ray_writes_the_local_bytes(local_ray, tmp_path):
    src = tmp_path / "in.jsonl"
    lines = [json.dumps({"i": i, "text": f"a{i}@b.io"}) for i in range(3000)]
    lines[17] = '{"text": oops'
    src.write_text("\n".join(lines) + "\n", "utf-8")
    outs = {}
    for engine in ("local", "ray"):
        out = tmp_path / engine / "out.jsonl"
        run = ShardedRun([(src, out)], RunDir.for_output(out, False), shard_bytes=8192)
        stats = run.run(SPEC.build(), SPEC, jobs=2, engine=engine)
        assert stats.records_in == 3000 and stats.records_quarantined == 1
        outs[engine] = (
            out.read_bytes(),
            (tmp_path / engine / "out.jsonl.quarantine.jsonl").read_bytes(),
        )
    assert len(run.shards) > 5
    assert outs["local"] == outs["ray"]
