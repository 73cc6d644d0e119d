namespace CopilotSeats.Core.Tests;

/// <summary>CopilotNameList: the names on an output object, one CSV cell (ToString) that still reads like the string[] it replaced.</summary>
public sealed class NameListTests
{
    [Theory]
    [InlineData(new string[0], "")]
    [InlineData(new[] { "alice", "bob", "team-1" }, "alice, bob, team-1")]
    public void ToString_joins_the_names_with_a_comma_and_Length_is_the_count(string[] names, string text)
    {
        CopilotNameList list = names;
        Assert.Equal((text, names.Length, names.Length), (list.ToString(), list.Length, list.Count));
        Assert.Equal(names, list);
    }

    [Fact]
    public void Empty_has_no_names_one_name_is_a_list_and_a_seat_change_reads_as_before()
    {
        Assert.Empty(CopilotNameList.Empty);
        Assert.Equal(new[] { "alice" }, (CopilotNameList)"alice");
        Assert.Equal("Seats: no, the token lacks read:org.; Usage: no", new CopilotNameList(new[] { "Seats: no, the token lacks read:org.", "Usage: no" }, CopilotNameList.SentenceSeparator).ToString());
        Assert.Equal("Remove User x2: 2", new CopilotSeatChange { Action = "Remove", AssigneeType = "User", Requested = new[] { "alice", "bob" }, SeatsChanged = 2 }.ToString());
    }
}
