"""Benchmark of the shipped NER model: per-label / micro / macro F1 on the test sets and tokens/s on one thread.

Usage: ``python benchmarks/ner_eval.py [--model models/id_news_ner] [--test NAME=corpus/split.spacy ...]``
(the same as ``python -m pipeline.ner.commands eval`` / ``idnews eval-ner``; needs ../shared/data/ner).
"""

from pipeline.ner.commands import eval_ner

if __name__ == "__main__":
    eval_ner()
