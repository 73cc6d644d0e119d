namespace CopilotSeats.HelpBuilder.Tests;

public sealed class YamlBlockTests
{
    private static readonly Func<int, string, Exception> Error = (line, message) => new FormatException($"{line}: {message}");

    private static Dictionary<string, object> Parse(params string[] lines) =>
        YamlBlock.Parse(lines, Error).ToDictionary(e => e.Key, e => e.Value);

    [Fact]
    public void Reads_scalars_plain_and_quoted()
    {
        var yaml = Parse("Type: System.String", "DefaultValue: '@{ a = 1; b = ''x'' }'", "Other: \"say \\\"hi\\\"\"", "Plain: 0 (every seat)");
        Assert.Equal("System.String", yaml["Type"]);
        Assert.Equal("@{ a = 1; b = 'x' }", yaml["DefaultValue"]);
        Assert.Equal("say \"hi\"", yaml["Other"]);
        Assert.Equal("0 (every seat)", yaml["Plain"]);
    }

    [Fact]
    public void Reads_flow_sequences_and_mappings()
    {
        var yaml = Parse("Aliases: [Slug, 'Team, with comma']", "Empty: []", "Sets: [{Name: (All), Position: Named}, {Name: Id, Position: 0}]");
        Assert.Equal(new object[] { "Slug", "Team, with comma" }, (List<object>)yaml["Aliases"]);
        Assert.Empty((List<object>)yaml["Empty"]);
        var sets = ((List<object>)yaml["Sets"]).Cast<Dictionary<string, object>>().ToList();
        Assert.Equal(new[] { "(All)", "Id" }, sets.Select(s => (string)s["Name"]));
        Assert.Equal("0", sets[1]["Position"]);
    }

    [Fact]
    public void Reads_block_sequences_of_scalars_flow_mappings_and_block_mappings()
    {
        var yaml = Parse("Aliases:", "- cf", "ParameterSets:", "- {Name: A, Position: 1}", "- Name: B", "  Position: Named", "  IsRequired: true", "DontShow: false");
        Assert.Equal(new object[] { "cf" }, (List<object>)yaml["Aliases"]);
        var sets = ((List<object>)yaml["ParameterSets"]).Cast<Dictionary<string, object>>().ToList();
        Assert.Equal("1", sets[0]["Position"]);
        Assert.Equal(new[] { "Name", "Position", "IsRequired" }, sets[1].Keys);
        Assert.Equal("true", sets[1]["IsRequired"]);
        Assert.Equal("false", yaml["DontShow"]);
    }

    [Theory]
    [InlineData("Type: A", "Type: B")]
    [InlineData("- orphan")]
    [InlineData("  indented: without item")]
    [InlineData("no colon here")]
    [InlineData("Aliases: [a, b")]
    [InlineData("Map: {a: 1, a: 2}")]
    [InlineData("Quoted: 'open")]
    public void Rejects_what_it_cannot_read(params string[] lines) =>
        Assert.Throws<FormatException>(() => YamlBlock.Parse(lines, Error));
}
