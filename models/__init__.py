"""Trained models shipped with idnews; installed as the package ``idnews_models``.

``pipeline.models.model_path("id_news_ner")`` finds one, in a checkout or an
installed copy.
"""
