#!/usr/bin/python3
"""Builds the tiny BERT-style sentiment model in test/fixtures/tiny-model/ for koe's transformer-backend tests.

Plain torch (no `transformers` package): a 2-layer, hidden-32 BERT with a WordPiece vocabulary of a few hundred
tokens (English words, letters, and some Japanese characters), cased, strip_accents false. It is trained for a few
seconds on koe's own synthetic sentences below (no outside data) so that its outputs are not trivial, then exported
to ONNX opset 14: int64 input_ids / attention_mask / token_type_ids → logits and last_hidden_state, so the same file
serves transformers.js text-classification and feature-extraction.

Run with Debian's python (apt-get install -y python3-torch python3-onnx):
    /usr/bin/python3 scripts/build-tiny-model.py [OUT_DIR]
Everything is seeded: the same torch version gives the same weights.
"""

import json
import math
import os
import sys
import unicodedata

import torch
from torch import nn

OUT_DIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'tiny-model')
SEED = 20261124
HIDDEN = 32
LAYERS = 2
HEADS = 2
INTERMEDIATE = 64
MAX_POSITIONS = 64
ID2LABEL = {0: 'NEGATIVE', 1: 'POSITIVE'}

# koe's own synthetic training sentences, written for this script.
POSITIVE = [
    'great service and fast delivery',
    'the app works great',
    'very good support , thank you',
    'love it , excellent quality',
    'fast and friendly staff',
    'the refund was quick and easy',
    'good price and good quality',
    'happy with the new update',
    'nice design , works well',
    'excellent , would buy again',
    'とても良い',
    '最高です',
    '対応が丁寧で満足',
    '速くて便利',
]
NEGATIVE = [
    'terrible service and slow delivery',
    'the app crashes every time',
    'very bad support , still waiting',
    'hate it , poor quality',
    'slow and rude staff',
    'the refund never came',
    'bad price and bad quality',
    'angry about the broken update',
    'ugly design , does not work',
    'awful , never again',
    'とても悪い',
    '最低です',
    '対応が遅くて不満',
    '遅くて不便',
]

SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']
EXTRA_WORDS = ['the', 'a', 'is', 'it', 'and', 'not', 'but', 'this', 'was', 'i', 'you', 'ok', 'okay', 'fine', 'login',
               'error', 'price', 'app', 'delivery', 'support', 'please', 'add', 'thanks', 'late', 'broken', 'works']
JA_CHARS = list('あいうえおかきくけこがぎぐげごさしすせそたちつてとだでなにのはへまみむめもやゆよらりるれろわをん'
                'アイウエオカキクケコサシスセソタチツテトナニヌネノマミムメモラリルレロンー'
                '良悪最高低遅速壊便利満足不対応丁寧品質配送返金届遅早安値段店員')
PUNCT = list('.,!?;:\'"()-/、。！？「」')


def is_cjk(ch):
    cp = ord(ch)
    return (0x4E00 <= cp <= 0x9FFF) or (0x3400 <= cp <= 0x4DBF) or (0xF900 <= cp <= 0xFAFF) or (0x20000 <= cp <= 0x2FA1F)


def is_punct(ch):
    cp = ord(ch)
    if (33 <= cp <= 47) or (58 <= cp <= 64) or (91 <= cp <= 96) or (123 <= cp <= 126):
        return True
    return unicodedata.category(ch).startswith('P')


def basic_tokenize(text):
    """What the tokenizer.json below does before WordPiece: BertNormalizer (cased, CJK chars spaced) + BertPreTokenizer."""
    out = []
    for ch in text:
        out.append(f' {ch} ' if is_cjk(ch) else ch)
    words = []
    for chunk in ''.join(out).split():
        word = ''
        for ch in chunk:
            if is_punct(ch):
                if word:
                    words.append(word)
                words.append(ch)
                word = ''
            else:
                word += ch
        if word:
            words.append(word)
    return words


def build_vocab():
    vocab = list(SPECIAL)
    seen = set(vocab)

    def add(tok):
        if tok not in seen:
            seen.add(tok)
            vocab.append(tok)

    for p in PUNCT:
        add(p)
    for sentence in POSITIVE + NEGATIVE:
        for w in basic_tokenize(sentence):
            if all(ord(c) < 128 for c in w):
                add(w)
    for w in EXTRA_WORDS:
        add(w)
    for c in 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789':
        add(c)
        add('##' + c)
    for c in JA_CHARS:
        add(c)
        add('##' + c)
    return vocab


def wordpiece(word, vocab_index):
    pieces = []
    start = 0
    while start < len(word):
        end = len(word)
        found = None
        while start < end:
            piece = word[start:end] if start == 0 else '##' + word[start:end]
            if piece in vocab_index:
                found = piece
                break
            end -= 1
        if found is None:
            return ['[UNK]']
        pieces.append(found)
        start = end
    return pieces


def encode(text, vocab_index):
    ids = [vocab_index['[CLS]']]
    for w in basic_tokenize(text):
        ids += [vocab_index[p] for p in wordpiece(w, vocab_index)]
    ids.append(vocab_index['[SEP]'])
    return ids[:MAX_POSITIONS]


class SelfAttention(nn.Module):
    def __init__(self):
        super().__init__()
        self.query = nn.Linear(HIDDEN, HIDDEN)
        self.key = nn.Linear(HIDDEN, HIDDEN)
        self.value = nn.Linear(HIDDEN, HIDDEN)
        self.output = nn.Linear(HIDDEN, HIDDEN)
        self.norm = nn.LayerNorm(HIDDEN, eps=1e-12)

    def forward(self, x, additive_mask):
        b, t, _ = x.shape
        d = HIDDEN // HEADS

        def split(y):
            return y.view(b, t, HEADS, d).transpose(1, 2)

        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d) + additive_mask
        context = torch.matmul(torch.softmax(scores, dim=-1), v).transpose(1, 2).reshape(b, t, HIDDEN)
        return self.norm(x + self.output(context))


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.attention = SelfAttention()
        self.intermediate = nn.Linear(HIDDEN, INTERMEDIATE)
        self.output = nn.Linear(INTERMEDIATE, HIDDEN)
        self.norm = nn.LayerNorm(HIDDEN, eps=1e-12)

    def forward(self, x, additive_mask):
        x = self.attention(x, additive_mask)
        return self.norm(x + self.output(torch.nn.functional.gelu(self.intermediate(x))))


class TinyBert(nn.Module):
    def __init__(self, vocab_size):
        super().__init__()
        self.word = nn.Embedding(vocab_size, HIDDEN)
        self.position = nn.Embedding(MAX_POSITIONS, HIDDEN)
        self.token_type = nn.Embedding(2, HIDDEN)
        self.norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.layers = nn.ModuleList([Layer() for _ in range(LAYERS)])
        self.pooler = nn.Linear(HIDDEN, HIDDEN)
        self.classifier = nn.Linear(HIDDEN, len(ID2LABEL))

    def forward(self, input_ids, attention_mask, token_type_ids):
        positions = torch.arange(input_ids.shape[1], dtype=torch.long).unsqueeze(0)
        x = self.norm(self.word(input_ids) + self.position(positions) + self.token_type(token_type_ids))
        additive_mask = (1.0 - attention_mask[:, None, None, :].to(torch.float32)) * -10000.0
        for layer in self.layers:
            x = layer(x, additive_mask)
        logits = self.classifier(torch.tanh(self.pooler(x[:, 0])))
        return logits, x


def batch(texts, vocab_index):
    encoded = [encode(t, vocab_index) for t in texts]
    width = max(len(e) for e in encoded)
    ids = torch.zeros(len(encoded), width, dtype=torch.long)
    mask = torch.zeros(len(encoded), width, dtype=torch.long)
    for i, e in enumerate(encoded):
        ids[i, : len(e)] = torch.tensor(e)
        mask[i, : len(e)] = 1
    return ids, mask, torch.zeros_like(ids)


def tokenizer_json(vocab):
    special_ids = {tok: i for i, tok in enumerate(vocab) if tok in SPECIAL}
    return {
        'version': '1.0',
        'truncation': None,
        'padding': None,
        'added_tokens': [
            {'id': i, 'content': tok, 'single_word': False, 'lstrip': False, 'rstrip': False, 'normalized': False, 'special': True}
            for tok, i in special_ids.items()
        ],
        'normalizer': {'type': 'BertNormalizer', 'clean_text': True, 'handle_chinese_chars': True, 'strip_accents': False, 'lowercase': False},
        'pre_tokenizer': {'type': 'BertPreTokenizer'},
        'post_processor': {
            'type': 'TemplateProcessing',
            'single': [{'SpecialToken': {'id': '[CLS]', 'type_id': 0}}, {'Sequence': {'id': 'A', 'type_id': 0}}, {'SpecialToken': {'id': '[SEP]', 'type_id': 0}}],
            'pair': [
                {'SpecialToken': {'id': '[CLS]', 'type_id': 0}}, {'Sequence': {'id': 'A', 'type_id': 0}}, {'SpecialToken': {'id': '[SEP]', 'type_id': 0}},
                {'Sequence': {'id': 'B', 'type_id': 1}}, {'SpecialToken': {'id': '[SEP]', 'type_id': 1}},
            ],
            'special_tokens': {tok: {'id': tok, 'ids': [i], 'tokens': [tok]} for tok, i in special_ids.items() if tok in ('[CLS]', '[SEP]')},
        },
        'decoder': {'type': 'WordPiece', 'prefix': '##', 'cleanup': True},
        'model': {
            'type': 'WordPiece',
            'unk_token': '[UNK]',
            'continuing_subword_prefix': '##',
            'max_input_chars_per_word': 100,
            'vocab': {tok: i for i, tok in enumerate(vocab)},
        },
    }


def main():
    torch.manual_seed(SEED)
    vocab = build_vocab()
    vocab_index = {tok: i for i, tok in enumerate(vocab)}
    model = TinyBert(len(vocab))

    texts = POSITIVE + NEGATIVE
    labels = torch.tensor([1] * len(POSITIVE) + [0] * len(NEGATIVE))
    ids, mask, types = batch(texts, vocab_index)
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    model.train()
    for _ in range(300):
        optimizer.zero_grad()
        logits, _ = model(ids, mask, types)
        loss = nn.functional.cross_entropy(logits, labels)
        loss.backward()
        optimizer.step()
    model.eval()
    with torch.no_grad():
        logits, _ = model(ids, mask, types)
        accuracy = (logits.argmax(-1) == labels).float().mean().item()
    print(f'trained: loss {loss.item():.4f}, training accuracy {accuracy:.2f}, vocab {len(vocab)}')

    os.makedirs(os.path.join(OUT_DIR, 'onnx'), exist_ok=True)
    torch.onnx.export(
        model,
        (ids[:2], mask[:2], types[:2]),
        os.path.join(OUT_DIR, 'onnx', 'model.onnx'),
        input_names=['input_ids', 'attention_mask', 'token_type_ids'],
        output_names=['logits', 'last_hidden_state'],
        dynamic_axes={
            'input_ids': {0: 'batch', 1: 'sequence'},
            'attention_mask': {0: 'batch', 1: 'sequence'},
            'token_type_ids': {0: 'batch', 1: 'sequence'},
            'logits': {0: 'batch'},
            'last_hidden_state': {0: 'batch', 1: 'sequence'},
        },
        opset_version=14,
        do_constant_folding=True,
    )

    config = {
        'architectures': ['BertForSequenceClassification'],
        'model_type': 'bert',
        'vocab_size': len(vocab),
        'hidden_size': HIDDEN,
        'num_hidden_layers': LAYERS,
        'num_attention_heads': HEADS,
        'intermediate_size': INTERMEDIATE,
        'max_position_embeddings': MAX_POSITIONS,
        'type_vocab_size': 2,
        'hidden_act': 'gelu',
        'layer_norm_eps': 1e-12,
        'pad_token_id': 0,
        'id2label': {str(k): v for k, v in ID2LABEL.items()},
        'label2id': {v: k for k, v in ID2LABEL.items()},
        'problem_type': 'single_label_classification',
        '_koe_note': 'Tiny test model built by scripts/build-tiny-model.py from synthetic sentences; not for real use.',
    }
    with open(os.path.join(OUT_DIR, 'config.json'), 'w', encoding='utf-8') as f:
        json.dump(config, f, ensure_ascii=False, indent=2)
    with open(os.path.join(OUT_DIR, 'tokenizer.json'), 'w', encoding='utf-8') as f:
        json.dump(tokenizer_json(vocab), f, ensure_ascii=False, indent=2)
    tokenizer_config = {
        'tokenizer_class': 'BertTokenizer',
        'do_lower_case': False,
        'strip_accents': False,
        'tokenize_chinese_chars': True,
        'model_max_length': MAX_POSITIONS,
        'cls_token': '[CLS]',
        'sep_token': '[SEP]',
        'pad_token': '[PAD]',
        'unk_token': '[UNK]',
        'mask_token': '[MASK]',
    }
    with open(os.path.join(OUT_DIR, 'tokenizer_config.json'), 'w', encoding='utf-8') as f:
        json.dump(tokenizer_config, f, ensure_ascii=False, indent=2)

    # Reference outputs for the tests: the JavaScript side must agree with torch.
    probe = ['great service and fast delivery', 'terrible service , the app crashes', 'とても良い', '最低です']
    p_ids, p_mask, p_types = batch(probe, vocab_index)
    with torch.no_grad():
        p_logits, _ = model(p_ids, p_mask, p_types)
        probs = torch.softmax(p_logits, dim=-1)
    reference = [{'text': t, 'POSITIVE': round(probs[i, 1].item(), 6)} for i, t in enumerate(probe)]
    with open(os.path.join(OUT_DIR, 'reference-outputs.json'), 'w', encoding='utf-8') as f:
        json.dump(reference, f, ensure_ascii=False, indent=2)
    print(json.dumps(reference, ensure_ascii=False))


if __name__ == '__main__':
    main()
