using CopilotSeats.Pipeline;

namespace CopilotSeats.Core.Tests;

public class LinkHeaderTests
{
    private const string GitHubLink = "<https://api.github.com/orgs/o/copilot/billing/seats?per_page=100&page=1>; rel=\"prev\", <https://api.github.com/orgs/o/copilot/billing/seats?per_page=100&page=3>; rel=\"next\", <https://api.github.com/orgs/o/copilot/billing/seats?per_page=100&page=13>; rel=\"last\", <https://api.github.com/orgs/o/copilot/billing/seats?per_page=100&page=1>; rel=\"first\"";

    [Fact]
    public void Parses_all_relations()
    {
        var links = LinkHeader.Parse(GitHubLink);
        Assert.Equal(4, links.Count);
        Assert.Equal(3, LinkHeader.PageOf(links["next"]));
        Assert.Equal(13, LinkHeader.PageOf(links["last"]));
        Assert.Equal(1, LinkHeader.PageOf(links["first"]));
        Assert.Equal("100", LinkHeader.QueryValue(links["next"], "per_page"));
        Assert.Empty(LinkHeader.Parse(null));
        Assert.Empty(LinkHeader.Parse("garbage"));
    }

    [Fact]
    public void WithPage_keeps_everything_else()
    {
        var next = new Uri("https://api.github.com/orgs/o/copilot/billing/seats?per_page=100&page=2&x=y");
        Assert.Equal("https://api.github.com/orgs/o/copilot/billing/seats?per_page=100&page=7&x=y", LinkHeader.WithPage(next, 7).ToString());
    }
}
