namespace CopilotSeats.Core.Tests;

public class ValidationTests
{
    [Theory]
    [InlineData(NameKind.Organization, "octo-org")]
    [InlineData(NameKind.Organization, "A1")]
    [InlineData(NameKind.Login, "octocat")]
    [InlineData(NameKind.Login, "mona_octo")]          // enterprise managed user with shortcode
    [InlineData(NameKind.Login, "user-0001")]
    [InlineData(NameKind.Enterprise, "octo-ent")]
    [InlineData(NameKind.TeamSlug, "justice-league")]
    [InlineData(NameKind.TeamSlug, "team_1")]
    public void Accepts_valid_names(NameKind kind, string value) => Assert.Null(InputValidator.Check(kind, value));

    public static IEnumerable<object?[]> Hostile()
    {
        foreach (NameKind kind in Enum.GetValues<NameKind>())
        {
            foreach (string? bad in new[] { null, "", "   ", "a/b", "..", "a..b", "a\rb", "a\nb", "x\r\nHost: evil", "a?b", "a#b", "%2e%2e", "a%2Fb", "a\tb", "a b", "a\0b", "a\\b", new string('a', 300) })
                yield return new object?[] { kind, bad };
        }
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Refuses_hostile_names(NameKind kind, string? value)
    {
        string? problem = InputValidator.Check(kind, value);
        Assert.NotNull(problem);
        var ex = Assert.Throws<CopilotException>(() => InputValidator.Validate(kind, value));
        Assert.Equal("CopilotSeats.InvalidName", ex.ErrorId);
        Assert.Equal(CopilotErrorCategory.InvalidArgument, ex.Category);
        Assert.Equal($"Pass the {InputValidator.Describe(kind)} as it appears on GitHub.", ex.RecommendedAction);
    }

    [Theory]
    [InlineData(NameKind.Organization, "-octo")]
    [InlineData(NameKind.Organization, "octo-")]
    [InlineData(NameKind.Organization, "oc--to")]
    [InlineData(NameKind.Organization, "under_score")]
    [InlineData(NameKind.Login, "a_b_c")]
    [InlineData(NameKind.Login, "trailing_")]
    [InlineData(NameKind.Login, "0123456789012345678901234567890123456789")] // 40 characters
    public void Refuses_names_github_would_never_issue(NameKind kind, string value) => Assert.NotNull(InputValidator.Check(kind, value));

    [Fact]
    public void Batches_are_at_most_100_and_deduplicated_case_insensitively()
    {
        var names = Enumerable.Range(1, 250).Select(i => $"user-{i}").Concat(new[] { "USER-1", "user-2" }).ToList();
        var batches = BatchPlanner.Plan(names);
        Assert.Equal(new[] { 100, 100, 50 }, batches.Select(b => b.Length));
        Assert.Equal(250, batches.SelectMany(b => b).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal("user-1", batches[0][0]);
        Assert.Empty(BatchPlanner.Plan(Array.Empty<string>()));
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchPlanner.Plan(names, 101));
    }
}
