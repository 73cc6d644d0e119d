namespace CopilotSeats.Core.Tests;

/// <summary>CopilotNameList: the names on an output object, one CSV cell (ToString) that still reads like the string[] it replaced.</summary>
public sealed class NameListTests
{
    [Theory]
    [InlineData(new string[0], "")]
    [InlineData(new[] { "alice" }, "alice")]
    [InlineData(new[] { "alice", "bob", "team-1" }, "alice, bob, team-1")]
    public void ToString_joins_the_names_with_a_comma_and_Length_is_the_count(string[] names, string text)
    {
        var list = new CopilotNameList(names);
        Assert.Equal(text, list.ToString());
        Assert.Equal((names.Length, names.Length), (list.Length, list.Count));
        Assert.Equal(names, list);
    }

    [Fact]
    public void The_list_is_a_copy_of_the_names_given()
    {
        string[] names = { "alice", "bob" };
        CopilotNameList fromArray = names;
        var fromSequence = new CopilotNameList(names.Where(n => n != "bob"));
        names[0] = "mallory";
        Assert.Equal(new[] { "alice", "bob" }, fromArray);
        Assert.Equal(new[] { "alice" }, fromSequence);
    }

    [Fact]
    public void A_PowerShell_array_gives_each_item_as_text()
    {
        var list = new CopilotNameList(new object?[] { "alice", 7, null });
        Assert.Equal(new[] { "alice", "7", "" }, list);
        Assert.Equal("alice, 7, ", list.ToString());
    }

    [Fact]
    public void Empty_and_null_have_no_names()
    {
        Assert.Empty(CopilotNameList.Empty);
        Assert.Equal(string.Empty, CopilotNameList.Empty.ToString());
        Assert.Empty(new CopilotNameList((string[]?)null));
        Assert.Empty(new CopilotSeatChange().Requested);
        Assert.Empty(new CopilotAccessCheck().Problems);
    }

    [Fact]
    public void A_seat_change_reads_as_before()
    {
        var change = new CopilotSeatChange { Action = "Remove", AssigneeType = "User", Requested = new[] { "alice", "bob" }, SeatsChanged = 2 };
        Assert.Equal("Remove User x2: 2", change.ToString());
    }
}
