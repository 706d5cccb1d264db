"""The one number-formatting helper."""

import pytest

from analysis import numbers


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (65_600_000, "65.6 million"),
        (17_184_286, "17.2 million"),
        (1_012_959, "1.0 million"),
        (999_960, "1.0 million"),
        (979_435, "979,400"),
        (189_300, "189,300"),
        (172_797, "172,800"),
        (953, "950"),
        (104, "100"),
        (96, "96"),
        (4, "4"),
        (280_598_105, "280.6 million"),
        (1_200_000_000, "1.2 billion"),
        (1_000_000_000, "1 billion"),
        (214_000_000, "214 million"),
        (30_958_200, "31.0 million"),
        (48_000_000, "48.0 million"),
        (99_960_000, "100 million"),
        (100_000_000, "100 million"),
    ],
)
def test_people(value, text):
    assert numbers.people(value) == text


def test_share_and_short():
    assert numbers.share(0.5507) == "55%"
    assert numbers.share(0.0361, 1) == "3.6%"
    assert numbers.short(2_869_419) == "2.9M"
    assert numbers.short(979_435) == "979K"
    assert numbers.short(1_012_959) == "1.0M"
    assert numbers.short(99_949_999) == "99.9M" and numbers.short(304_021_813) == "304M"
    assert numbers.shorts([3.5e6, 1_529_904, 1_491_070, 12_345, 12_100, 850]) == [
        "3.50M", "1.53M", "1.49M", "12.3K", "12.1K", "850"
    ]  # fmt: skip
    # the bars beside those told apart read to the same digit ("11.0K", not "11K"), up to
    # three significant digits (Germany's origins, 2024: "725K", not "725.1K")
    assert numbers.shorts([12_345, 12_210, 11_020, 9_100, 2.1e6]) == [
        "12.3K", "12.2K", "11.0K", "9.1K", "2.1M"
    ]  # fmt: skip
    assert numbers.shorts([725_100, 67_800, 47_210, 47_140]) == ["725K", "67.8K", "47.2K", "47.1K"]
    assert numbers.shorts([1_005_000, 1_008_000]) == ["1.0M", "1.0M"]  # a digit more: alike still
    # never beyond three significant digits, alike or not (2013's hosts: "857.4K" and
    # "856.5K" beside "642K", a designer)
    assert numbers.shorts([857_400, 856_500, 642_000]) == ["857K", "857K", "642K"]
    assert numbers.shorts([12.34e6, 12.31e6, 5e6]) == ["12.3M", "12.3M", "5.0M"]  # not 5.00M
    assert numbers.short(1_300) == "1.3K" and numbers.short(9_960) == "10.0K"
    # to the hundred as the text gives them (Colombians abroad, 2024: "20K, 19K, 11K" beside
    # "19,700, 19,200 and 11,200", a designer and an editor)
    assert numbers.shorts([19_700, 19_240, 11_180]) == ["19.7K", "19.2K", "11.2K"]
    assert numbers.short(737) == "740" and numbers.short(5) == "5"  # as the text rounds them
    assert numbers.axis(60_000_000) == "60M" and numbers.axis(2_500_000) == "2.5M"
    assert numbers.money_billions(401) == "US$401 billion"
    assert numbers.people(float("nan")) == "n/a"


def test_rates_round_halves_up_in_text_titles_and_labels():
    """Lebanon's 156.5 per 1,000 (2016) reads 157 in the text, the title and on its bar."""
    assert numbers.rate(156.5) == "157" and numbers.rate(62.5) == "63"
    assert numbers.rate(1_234.4) == "1,234" and numbers.rate(3.46) == "3.5"
    assert numbers.rate(9.96) == "10" and numbers.rate(9.94) == "9.9"  # not "10.0"


def test_round_estimates_as_printed():
    """UNHCR's "10 million" stateless (2016) is not "10.0 million"; other counts as usual."""
    assert numbers.estimate(10_000_000) == "10 million"
    assert numbers.estimate(65_600_000) == "65.6 million" and numbers.estimate(950) == "950"


def test_years_are_written_as_runs():
    """A pair of downloads held 2000 and 2024 but not the years between: not "2000–2024"."""
    assert numbers.years(range(2000, 2025)) == "2000–2024"
    assert numbers.years([2023]) == "2023"
    assert numbers.years([2024, 2000]) == "2000 and 2024"
    assert numbers.years([2000, 2002, 2003, 2024]) == "2000, 2002–2003 and 2024"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (304_021_813, "304 million"),
        (275_284_032, "275 million"),
        (153_916_063, "154 million"),
        (48_700_000, "49 million"),
        (9_400_000, "9.4 million"),
        (274_500_000, "275 million"),  # halves up, not to even
        (None, "n/a"),
        (float("nan"), "n/a"),
    ],
)
def test_migrants_in_whole_millions_as_un_desa_writes_them(value, text):
    assert numbers.migrants(value) == text


def test_halves_round_away_from_zero_as_a_reader_rounds():
    """Python's round gave 105 as "100" beside a table showing 105, and 1,250 as 1,200;
    its float format gave 2,250,000 as "2.2 million"; 999,949 was "1000K" on a bar."""
    from analysis import numbers

    assert [numbers.people(n) for n in (105, 125, 1_250, 2_250_000)] == [
        "110",
        "130",
        "1,300",
        "2.3 million",
    ]
    assert numbers.whole(1_250) == "1,300" and numbers.people(-125) == "-130"
    assert [numbers.short(n) for n in (1_250, 999_949, 2_250_000)] == ["1.3K", "1.0M", "2.3M"]
    assert [numbers.short(n) for n in (999.6, 999_600_000)] == ["1.0K", "1.0B"]  # not 1,000M
    assert numbers.people(-0.2) == "0" and numbers.whole(-0.0) == "0"  # never "-0"
    # an axis tick is exact: 12,500 is no rounded "13K", 1,250,000 no "1.3M"
    # one axis's ticks in the unit of its largest: not "800K" beside "1.6M"
    assert numbers.axis_ticks([0, 800_000, 1_600_000, 2_400_000]) == ["0", "0.8M", "1.6M", "2.4M"]
    assert numbers.axis_ticks([0, 1_500, 3_000, 4_500]) == ["0", "1,500", "3,000", "4,500"]
    assert numbers.axis_ticks([0, 300, 600, 900, 1_200])[-1] == "1,200"  # not "1.2K" or "0.3K"
    assert numbers.axis_ticks([0, 5_000, 10_000, 15_000]) == ["0", "5K", "10K", "15K"]
    assert (
        numbers.axis_ticks([0, 0.3e6, 0.6e6, 0.9e6, 1.2e6])[1] == "0.3M"
    )  # not 0.30000000000000004M
    assert [numbers.axis(n) for n in (12_500, 1_250_000, 60e6, 125, 0)] == [
        "12.5K",
        "1.25M",
        "60M",
        "125",
        "0",
    ]


def test_a_finer_count_has_one_more_digit_and_rounds_halves_up():
    """For two counts that would read alike in one sentence (1.13 and 1.05 million, not 1.1
    twice), rounded as :func:`numbers.people` rounds: halves away from zero."""
    assert numbers.people(1_126_886, finer=True) == "1.13 million"
    assert numbers.people(1_125_000, finer=True) == "1.13 million"  # not 1.12 (to even)
    assert numbers.people(1025, finer=True) == "1,030" and numbers.people(1025) == "1,000"
    assert numbers.people(105, finer=True) == "105" and numbers.people(950_000) == "950,000"


def test_counts_printed_together_that_would_read_alike_get_one_more_digit():
    """2022's three largest origins: "5.7 million from Ukraine and 5.7 million from
    Afghanistan" (5,684,177 and 5,661,717); the others as they are, so that a count reads as
    it does elsewhere on the page (Pakistan's 1.6 million of 2024 is not "1.56 million" in its
    trend where the sentence before gave 1.6 million: a reviewer)."""
    written = numbers.apart(6_554_000, 5_684_177, 5_661_717)
    assert [written(n) for n in (6_554_000, 5_684_177, 5_661_717)] == [
        "6.6 million",
        "5.68 million",
        "5.66 million",
    ]
    assert numbers.apart(5_700_000, 5_700_000)(5_700_000) == "5.7 million"  # the same count
