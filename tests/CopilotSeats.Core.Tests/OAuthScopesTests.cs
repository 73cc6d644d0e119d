namespace CopilotSeats.Core.Tests;

/// <summary>The one scope rule shared by ErrorMapper and the simulator.</summary>
public class OAuthScopesTests
{
    [Theory]
    [InlineData(null, new string[0])]
    [InlineData("", new string[0])]
    [InlineData("read:org", new[] { "read:org" })]
    [InlineData("admin:org, manage_billing:copilot,read:enterprise", new[] { "admin:org", "manage_billing:copilot", "read:enterprise" })]
    [InlineData("  repo ,  user  ", new[] { "repo", "user" })]
    public void Parse_splits_header_values(string? header, string[] expected) => Assert.Equal(expected, OAuthScopes.Parse(header));

    [Theory]
    [InlineData("read:org", "read:org", true)]
    [InlineData("READ:ORG", "read:org", true)] // case-insensitive
    [InlineData("admin:org", "read:org", true)]
    [InlineData("admin:org", "write:org", true)]
    [InlineData("write:org", "read:org", true)]
    [InlineData("read:org", "write:org", false)]
    [InlineData("read:org", "admin:org", false)]
    [InlineData("write:org", "admin:org", false)]
    [InlineData("admin:enterprise", "read:enterprise", true)]
    [InlineData("read:enterprise", "admin:enterprise", false)]
    [InlineData("admin:org", "read:enterprise", false)] // another resource
    [InlineData("admin:enterprise", "manage_billing:copilot", false)] // manage_billing:copilot stands alone
    [InlineData("manage_billing:copilot", "manage_billing:copilot", true)]
    [InlineData("read:org", "repo", false)]
    [InlineData("", "read:org", false)]
    public void Covers_follows_githubs_scope_hierarchy(string granted, string needed, bool covered) =>
        Assert.Equal(covered, OAuthScopes.Covers(OAuthScopes.Parse(granted), needed));

    [Theory]
    [InlineData("read:org, read:enterprise", "manage_billing:copilot, admin:org", false)]
    [InlineData("read:org, read:enterprise", "manage_billing:copilot, read:org", true)]
    [InlineData("admin:org, manage_billing:copilot, read:enterprise", "manage_billing:copilot, admin:enterprise", true)]
    [InlineData("admin:org", "manage_billing:copilot, read:org", true)]
    [InlineData("", "manage_billing:copilot, read:org", false)]
    [InlineData("admin:org", "", false)] // nothing accepted: nothing to cover
    public void AnyCovered_needs_one_accepted_scope(string granted, string accepted, bool covered) =>
        Assert.Equal(covered, OAuthScopes.AnyCovered(OAuthScopes.Parse(granted), OAuthScopes.Parse(accepted)));
}
