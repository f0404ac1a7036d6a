"""Plausible Chinese names and valid identity numbers, from a seeded random generator."""

from __future__ import annotations

import random
from datetime import date, timedelta

from cxdesk.validation import identity_check_character

SURNAMES = (
    "李王张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡"
    "贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段"
    "普者鲁起杞罗毕李"  # common Yi surnames of Chuxiong among them
)
GIVEN_CHARS = (
    "丽娟敏静秀英华慧巧美娜玉霞红芳燕萍洁琳素云莲真环雪荣爱妹香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣"
    "叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗"
    "伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清"
    "飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善"
)


def chinese_name(rng: random.Random) -> str:
    given = "".join(rng.choice(GIVEN_CHARS) for _ in range(rng.choice((1, 2, 2, 2))))
    return rng.choice(SURNAMES) + given


def birth_date(rng: random.Random, *, oldest: int = 1966, youngest: int = 1999) -> date:
    start = date(oldest, 1, 1)
    span = (date(youngest, 12, 31) - start).days
    return start + timedelta(days=rng.randrange(span))


def identity_number(rng: random.Random, *, address: str, born: date, gender: str) -> str:
    """A GB 11643 number with a valid check character; the sequence's parity is the gender."""
    sequence = rng.randrange(0, 1000)
    if (sequence % 2 == 1) != (gender == "M"):
        sequence = (sequence + 1) % 1000
    first17 = f"{address}{born:%Y%m%d}{sequence:03d}"
    return first17 + identity_check_character(first17)


def phone_number(rng: random.Random) -> str:
    return f"0878-{rng.randrange(3000000, 8999999)}"
