import hashlib

import factory

from claims.models import Article, Claim


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    body = factory.Sequence(lambda n: f"Article number {n} says 1,200 people fled the town.")
    body_sha256 = factory.LazyAttribute(lambda a: hashlib.sha256(a.body.encode()).hexdigest())


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    start = 24
    end = 36
    surface = "1,200 people"
    value = 1200.0
    low = 1200.0
    high = 1200.0
    qualifier = "exact"
    category = "displacement"
