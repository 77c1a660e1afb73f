"""Our own Indonesian NER model (spaCy, CPU): corpus conversion, training, evaluation.

Modules: ``convert`` (corpora -> DocBin, IOB repair, label mapping), ``vectors``
(floret vectors from unlabelled news), ``train`` (the training recipes),
``evaluate`` (conlleval-style per-label / micro / macro F1, speed), ``commands``
(click commands ``train_ner`` and ``eval_ner``).

The shipped model lives in ``models/id_news_ner/`` and loads with plain
``spacy.load`` (no code from this package is needed at load time).
"""
