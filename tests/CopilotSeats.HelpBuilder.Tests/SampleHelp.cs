namespace CopilotSeats.HelpBuilder.Tests;

/// <summary>A small cmdlet help file in the house layout, and ways to break it.</summary>
internal static class SampleHelp
{
    public const string Markdown = """
        ---
        document type: cmdlet
        external help file: CopilotSeats.dll-Help.xml
        Module Name: CopilotSeats
        title: Get-Widget
        ---

        # Get-Widget

        ## SYNOPSIS

        Gets widgets & more.

        ## SYNTAX

        ### Name (Default)

        ```
        Get-Widget [-Name] <String[]> [-Kind <String>] [-Force] [-WhatIf] [<CommonParameters>]
        ```

        ### Id

        ```
        Get-Widget -Id <Int64> -Kind <String>
          [-Force] [-WhatIf] [<CommonParameters>]
        ```

        ## DESCRIPTION

        Get-Widget gets widgets,
        one line wrapped in two.

        A second paragraph with <markup> and "quotes".

        ## EXAMPLES

        ### Example 1: All widgets

        ```powershell
        Get-Widget -Name *
        Get-Widget -Id 1
        ```

        Gets every widget.

        ## PARAMETERS

        ### -WhatIf
        Shows what would happen.
        ```yaml
        Type: System.Management.Automation.SwitchParameter
        DefaultValue: False
        Aliases: [wi]
        ParameterSets: [{Name: (All), Position: Named, IsRequired: false, ValueFromPipeline: false, ValueFromPipelineByPropertyName: false}]
        ```

        ### -Name
        Names of the widgets.
        ```yaml
        Type: System.String[]
        SupportsWildcards: true
        Aliases: [Login, N]
        ParameterSets:
        - {Name: Name, Position: 0, IsRequired: true, ValueFromPipeline: true, ValueFromPipelineByPropertyName: true}
        ```

        ### -Id
        The widget's number.
        ```yaml
        Type: System.Int64
        DefaultValue: None
        ParameterSets:
        - Name: Id
          Position: Named
          IsRequired: true
          ValueFromPipeline: false
          ValueFromPipelineByPropertyName: true
        ```

        ### -Kind
        Which kind.
        ```yaml
        Type: System.String
        DefaultValue: 'Any'
        AcceptedValues: [Any, Round, Square]
        ParameterSets:
        - {Name: Name, Position: Named, IsRequired: false, ValueFromPipeline: false, ValueFromPipelineByPropertyName: false}
        - {Name: Id, Position: Named, IsRequired: true, ValueFromPipeline: false, ValueFromPipelineByPropertyName: false}
        ```

        ### -Force
        Does it anyway.
        ```yaml
        Type: System.Management.Automation.SwitchParameter
        DefaultValue: False
        ParameterSets: [{Name: (All), Position: Named}]
        ```

        ### CommonParameters

        This cmdlet supports the common parameters.

        ## INPUTS

        ### System.String

        Names.

        ## OUTPUTS

        ### Contoso.Widget

        One per widget.

        ## NOTES

        A note.

        ## RELATED LINKS

        - [about_Widgets]()
        - [Online](https://contoso.invalid/widgets)

        """;

    public static CommandHelp Read(string markdown = Markdown) => CommandHelpReader.Read("Get-Widget.md", markdown);

    /// <summary>The sample with one exact piece of text replaced (which must occur).</summary>
    public static string With(string find, string replace)
    {
        Assert.Contains(find, Markdown, StringComparison.Ordinal);
        return Markdown.Replace(find, replace, StringComparison.Ordinal);
    }

    /// <summary>Reading the markdown fails at this line with a message containing <paramref name="message"/>.</summary>
    public static HelpFormatException Fails(string markdown, string message)
    {
        var ex = Assert.Throws<HelpFormatException>(() => Read(markdown));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal("Get-Widget.md", ex.File);
        return ex;
    }
}
