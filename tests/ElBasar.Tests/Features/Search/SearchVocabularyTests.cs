using ElBasar.Web.Features.Search;

namespace ElBasar.Tests.Features.Search;

public sealed class SearchVocabularyTests
{
    [Theory]
    [InlineData("tonnel", "tonnel", 0)]
    [InlineData("tonel", "tonnel", 1)]
    [InlineData("vleo", "velo", 1)]
    [InlineData("compat", "compt", 1)]
    [InlineData("abcdef", "ghijkl", 3)]
    public void Edit_distance_counts_insertions_deletions_substitutions_and_swaps(string a, string b, int distance) =>
        Assert.Equal(distance, SearchVocabulary.EditDistance(a, b, 2) is var d && d > 2 ? 3 : d);

    [Fact]
    public void Correction_prefers_the_more_frequent_of_two_equally_near_words()
    {
        var vocabulary = new SearchVocabulary(new Dictionary<string, int> { ["table"] = 3, ["cable"] = 40 }, 100);

        Assert.Equal("cable", vocabulary.Correct("gable"));
    }

    [Fact]
    public void Short_words_are_not_corrected()
    {
        var vocabulary = new SearchVocabulary(new Dictionary<string, int> { ["bus"] = 3 }, 100);

        Assert.Null(vocabulary.Correct("bas"));
    }

    [Fact]
    public void Rare_words_weigh_more_than_common_ones()
    {
        var vocabulary = new SearchVocabulary(new Dictionary<string, int> { ["pret"] = 80, ["tonnel"] = 2 }, 100);

        Assert.True(vocabulary.Idf("tonnel") > vocabulary.Idf("pret"));
    }
}
