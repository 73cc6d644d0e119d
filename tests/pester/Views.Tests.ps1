# The default views (CopilotSeats.Format.ps1xml) rendered as a console shows them, at 80 and at 120 columns:
# one header line of column names over one line of dashes, nothing cut that fits (no '…' or '...'), dates as
# yyyy-MM-dd and the editor's name. Both simulator output and hand-built objects with 20-character logins, slugs
# and team names.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Sim, $script:Conn = Start-TestSession

    $script:Long = @{
        Login = 'login-67890123456789'   # 20 characters each
        Org   = 'org-567890123456789a'
        Team  = 'team-67890123456789a'
        Ent   = 'ent-567890123456789a'
    }

    function New-Seat([hashtable] $Property) {
        $seat = New-Object CopilotSeats.CopilotSeat
        foreach ($k in $Property.Keys) { $seat.$k = $Property[$k] }
        return $seat
    }

    # The lines of the default view, trailing blanks removed.
    function Get-Rendered($InputObject, [int] $Width) {
        @($InputObject | Out-String -Width $Width -Stream | ForEach-Object { $_.TrimEnd() })
    }

    # The object as another session gets it: Export-Clixml/Import-Clixml serialize at depth 2, jobs and remoting at 1.
    function ConvertTo-Deserialized($InputObject, [int] $Depth) {
        [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($InputObject, $Depth))
    }

    # The local date of a DateTimeOffset, yyyy-MM-dd: what the seat view shows.
    function Get-LocalDay([DateTimeOffset] $Time) {
        $Time.ToLocalTime().ToString('yyyy-MM-dd', [System.Globalization.CultureInfo]::InvariantCulture)
    }

    # Runs $Script with the session's time zone set to $Zone (TZ, read again by .NET once its cache is cleared).
    function Invoke-InTimeZone([string] $Zone, [scriptblock] $Script) {
        $saved = $env:TZ
        try {
            $env:TZ = $Zone
            [TimeZoneInfo]::ClearCachedData()
            & $Script
        }
        finally {
            if ($null -eq $saved) { Remove-Item Env:TZ -ErrorAction SilentlyContinue } else { $env:TZ = $saved }
            [TimeZoneInfo]::ClearCachedData()
        }
    }

    # Asserts every table header in $Lines is one line of column names over one line of dashes (nothing wrapped or
    # cut), no line is wider than $Width and no value is cut (but the last column with -LastColumnCut); returns the header lines.
    function Assert-TableLines([string[]] $Lines, [int] $Width, [switch] $LastColumnCut) {
        $dashIndexes = @(for ($i = 0; $i -lt $Lines.Count; $i++) { if ($Lines[$i] -match '^-+( +-+)*$') { $i } })
        $dashIndexes.Count | Should -BeGreaterThan 0 -Because "a table has a dashes line:`n$($Lines -join "`n")"
        $headers = foreach ($i in $dashIndexes) {
            $header = $Lines[$i - 1]
            $header | Should -Match '^\S' -Because 'the header starts at column 1'
            # A wrapped header has a second line of names between the names and the dashes, or names above them.
            if ($i -ge 2) { $Lines[$i - 2] | Should -BeNullOrEmpty -Because "the header is one line:`n$($Lines[($i - 2)..$i] -join "`n")" }
            # Each dashes run sits under a whole label.
            $labels = [regex]::Matches($header, '\S+')
            $dashes = [regex]::Matches($Lines[$i], '-+')
            $dashes.Count | Should -Be $labels.Count
            for ($k = 0; $k -lt $labels.Count; $k++) { $dashes[$k].Length | Should -Be $labels[$k].Length }
            $header
        }
        foreach ($line in $Lines) {
            $line.Length | Should -BeLessOrEqual $Width
            if (-not $LastColumnCut) { $line | Should -Not -Match '…|\.\.\.' -Because "nothing is cut at $Width columns: '$line'" }
        }
        return $headers
    }

    # Asserts a list view: 'Name : value' lines, names aligned, nothing cut; returns the property names.
    function Assert-ListLines([string[]] $Lines, [int] $Width) {
        $items = @($Lines | Where-Object { $_ })
        $items.Count | Should -BeGreaterThan 0
        $items | ForEach-Object { $_ | Should -Match '^\w+ +:( |$)' }
        @($items | ForEach-Object { $_.IndexOf(' :') } | Sort-Object -Unique).Count | Should -Be 1
        foreach ($line in $Lines) {
            $line.Length | Should -BeLessOrEqual $Width
            $line | Should -Not -Match '…|\.\.\.'
        }
        return @($items | ForEach-Object { ($_ -split ' ')[0] })
    }
}

AfterAll { Stop-TestSimulator $Sim }

Describe 'The CopilotSeat view at <Width> columns' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
    BeforeAll {
        $script:Seat = New-Seat @{
            Login = $Long.Login; Organization = $Long.Org; AssigningTeam = $Long.Team; DaysInactive = 45
            LastActivityAt = [DateTimeOffset]::new(2024, 3, 5, 23, 30, 0, [TimeSpan]::FromHours(-8))
            PendingCancellationDate = [DateTimeOffset]::new(2024, 4, 1, 0, 0, 0, [TimeSpan]::Zero)
            LastActivityEditor = 'vscode/1.77.3/copilot/1.86.82'
        }
        $script:Bare = New-Seat @{ Login = 'nobody'; Enterprise = $Long.Ent }
    }

    It 'shows 20-character values whole, dates as yyyy-MM-dd and the editor name' {
        $lines = Get-Rendered $Seat $Width
        $headers = Assert-TableLines $lines $Width
        $headers | Should -Be 'Login                AssigningTeam        LastActive Ago CancelsOn  Editor'
        $lines | Should -Contain "Organization: $($Long.Org)"
        $row = $lines | Where-Object { $_.StartsWith($Long.Login) }
        $row | Should -Match "^$($Long.Login) $($Long.Team) $(Get-LocalDay $Seat.LastActivityAt)  45 $(Get-LocalDay $Seat.PendingCancellationDate) vscode$"
        ($lines -join "`n") | Should -Not -Match '1\.77\.3|copilot/'
    }

    It 'shows a seat deserialized at depth <Depth> (<From>) as the live seat, in <Culture>' -ForEach @(
        @{ Depth = 2; From = 'Import-Clixml: dates as property bags'; Culture = 'en-GB' }
        @{ Depth = 1; From = 'Receive-Job: dates as text'; Culture = 'en-US' }
        @{ Depth = 1; From = 'Receive-Job: dates as text'; Culture = 'en-GB' }
    ) {
        # Day 1 of month 12: a day and month swapped would show.
        $live = New-Seat @{ Login = 'dmy-user'; Organization = 'octo-org'; LastActivityAt = [DateTimeOffset]'2026-12-01T12:00:00Z'; PendingCancellationDate = [DateTimeOffset]'2027-02-03T12:00:00Z' }
        $saved = [System.Threading.Thread]::CurrentThread.CurrentCulture
        try {
            [System.Threading.Thread]::CurrentThread.CurrentCulture = [System.Globalization.CultureInfo]::GetCultureInfo($Culture)
            $copy = ConvertTo-Deserialized $live $Depth
            $lines = Get-Rendered $copy $Width
        }
        finally { [System.Threading.Thread]::CurrentThread.CurrentCulture = $saved }
        $copy.pstypenames[0] | Should -Be 'Deserialized.CopilotSeats.CopilotSeat'
        $lines | Should -Be (Get-Rendered $live $Width)
    }

    It 'formats dates the same whatever the culture' {
        $saved = [System.Threading.Thread]::CurrentThread.CurrentCulture
        try {
            [System.Threading.Thread]::CurrentThread.CurrentCulture = [System.Globalization.CultureInfo]::GetCultureInfo('ar-SA')
            $row = Get-Rendered $Seat $Width | Where-Object { $_.StartsWith($Long.Login) }
        }
        finally { [System.Threading.Thread]::CurrentThread.CurrentCulture = $saved }
        $row | Should -Match " $(Get-LocalDay $Seat.LastActivityAt) +45 $(Get-LocalDay $Seat.PendingCancellationDate) vscode$"
    }

    It 'shows dates in the local time zone <Zone>, not in the offset GitHub sent' -Skip:$IsWindows -ForEach @(
        @{ Zone = 'Asia/Tokyo'; Offset = 9; LastActive = '2024-03-06'; CancelsOn = '2024-04-01' }
        @{ Zone = 'Pacific/Honolulu'; Offset = -10; LastActive = '2024-03-05'; CancelsOn = '2024-03-31' }
    ) {
        # 20:00 at -06:00 (as GitHub often sends it) is 02:00 UTC the next day; the cancellation is midnight UTC.
        $seat = New-Seat @{
            Login = 'tz-user'; Organization = 'octo-org'; DaysInactive = 1
            LastActivityAt = [DateTimeOffset]::new(2024, 3, 5, 20, 0, 0, [TimeSpan]::FromHours(-6))
            PendingCancellationDate = [DateTimeOffset]::new(2024, 4, 1, 0, 0, 0, [TimeSpan]::Zero)
            LastActivityEditor = 'vscode/1.95.0'
        }
        $lines = Invoke-InTimeZone $Zone {
            [TimeZoneInfo]::Local.GetUtcOffset([DateTimeOffset]::new(2024, 3, 6, 0, 0, 0, [TimeSpan]::Zero)).TotalHours | Should -Be $Offset
            Get-Rendered $seat $Width
        }
        $null = Assert-TableLines $lines $Width
        $lines | Where-Object { $_.StartsWith('tz-user ') } | Should -Match " $LastActive +1 $CancelsOn vscode$"
    }

    It 'shows nulls as empty and groups an enterprise seat under its enterprise' {
        $lines = Get-Rendered $Bare $Width
        $null = Assert-TableLines $lines $Width
        $lines | Should -Contain "Enterprise: $($Long.Ent)"
        $lines | Should -Contain 'nobody'
    }

    It 'renders the simulator listing of octo-org' {
        $seats = @(Get-CopilotSeat -Organization octo-org @Conn)
        $seats.Count | Should -BeGreaterThan 10
        $lines = Get-Rendered $seats $Width
        $headers = @(Assert-TableLines $lines $Width)
        $headers.Count | Should -Be 1 -Because 'one organization is one group'
        foreach ($seat in $seats | Where-Object { $_.LastActivityAt -and $_.LastActivityEditor }) {
            $editor = ($seat.LastActivityEditor -split '/')[0]
            $date = Get-LocalDay $seat.LastActivityAt
            $lines | Where-Object { $_ -match "^$([regex]::Escape($seat.Login)) " } |
                Should -Match "$date +\d+ .*$([regex]::Escape($editor))$"
        }
        ($lines -join "`n") | Should -Match ' vscode(\r?\n|$)'
    }
}

Describe 'The CopilotSeatPlanItem view at <Width> columns' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
    It 'shows a 20-character login whole and each item on one line, the Reason cut to the width' {
        $items = foreach ($action in 'Conflict', 'Remove') {
            $item = New-Object CopilotSeats.CopilotSeatPlanItem
            $item.Action = $action; $item.Login = $Long.Login; $item.DaysInactive = 123
            $item.Reason = "Not in the reference set, but the seat comes from team '$($Long.Team)' of the organization $($Long.Org): run Remove-CopilotTeam -Organization $($Long.Org) -TeamName $($Long.Team)."
            $item
        }
        $lines = Get-Rendered $items $Width
        Assert-TableLines $lines $Width -LastColumnCut | Should -Be 'Action   Login                DaysInactive Reason'
        @($lines | Where-Object { $_ }).Count | Should -Be 4 -Because "the header, its dashes and one line per item:`n$($lines -join "`n")"
        $lines | Should -Contain ("Conflict $($Long.Login)          123 " + $items[0].Reason.Substring(0, $Width - 44) + [char]0x2026)
    }
}

Describe 'The CopilotSeatChange view at <Width> columns' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
    It 'shows the target, the count and a 20-character name whole' {
        $change = New-Object CopilotSeats.CopilotSeatChange
        $change.Action = 'Remove'; $change.AssigneeType = 'EnterpriseTeam'; $change.Enterprise = $Long.Ent
        $change.Requested = @($Long.Team); $change.SeatsChanged = 12
        $lines = Get-Rendered $change $Width
        Assert-TableLines $lines $Width | Should -Be 'Action AssigneeType   Target               SeatsChanged Requested'
        $lines | Should -Contain "Remove EnterpriseTeam $($Long.Ent)           12 $($Long.Team)"
    }

    It 'shows every requested name whole when they do not fit one line' {
        $names = @($Long.Login, 'octocat', 'login-67890123456780', 'a-b', 'user-0001', 'user-0002', 'user-0003', 'login-67890123456781')
        $change = New-Object CopilotSeats.CopilotSeatChange
        $change.Action = 'Add'; $change.AssigneeType = 'User'; $change.Organization = $Long.Org; $change.Requested = $names; $change.SeatsChanged = 8
        $lines = Get-Rendered $change $Width
        $null = Assert-TableLines $lines $Width
        # The Requested column starts where its label does; its cells, read in order, are the names comma-separated.
        $start = ($lines | Where-Object { $_ -match '^Action ' }).IndexOf('Requested')
        $row = [array]::IndexOf($lines, ($lines | Where-Object { $_.StartsWith('Add ') }))
        $cells = @($lines[$row..($lines.Count - 1)] | Where-Object { $_.Length -gt $start } | ForEach-Object { $_.Substring($start) })
        ($cells -join ' ') | Should -Be ($names -join ', ')
        foreach ($cell in $cells) { $cell | Should -Match '^[\w-]+(, [\w-]+)*,?$' -Because 'a line breaks after a comma, never inside a name' }
    }

    It 'renders what Add-CopilotUser outputs' {
        Reset-Simulator $Sim
        $change = Add-CopilotUser -Organization octo-org -UserName octocat -Confirm:$false @Conn
        $lines = Get-Rendered $change $Width
        $null = Assert-TableLines $lines $Width
        ($lines -join "`n") | Should -Match '(?m)^Add +User +octo-org +\d+ octocat$'
    }
}

Describe 'The CopilotSeatSummary view at <Width> columns' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
    It 'shows a 20-character name and large counts whole' {
        $summary = New-Object CopilotSeats.CopilotSeatSummary
        $summary.Name = $Long.Org; $summary.Seats = 100000; $summary.Users = 99000; $summary.Active = 50000
        $summary.Inactive = 49000; $summary.PendingCancellation = 1000; $summary.MonthlyCost = 3900000; $summary.InactiveMonthlyCost = 1911000
        $lines = Get-Rendered $summary $Width
        Assert-TableLines $lines $Width | Should -Be 'Name                  Seats  Users Active Inactive Pending       Cost  IdleCost'
        $lines | Should -Contain "$($Long.Org) 100000  99000  50000    49000    1000  3,900,000 1,911,000"
    }

    It 'renders Measure-CopilotSeat -GroupBy Team' {
        $lines = Get-Rendered (Measure-CopilotSeat -Organization octo-org -GroupBy Team @Conn) $Width
        $null = Assert-TableLines $lines $Width
    }
}

Describe 'The CopilotOrgDetail and CopilotConnection lists at <Width> columns' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
    It 'lists the organization settings and counts' {
        $detail = New-Object CopilotSeats.CopilotOrgDetail
        $detail.Organization = $Long.Org; $detail.SeatManagementSetting = 'assign_selected'; $detail.TotalSeats = 7
        $names = Assert-ListLines (Get-Rendered $detail $Width) $Width
        $names | Should -Be @('Organization', 'PlanType', 'SeatManagementSetting', 'PublicCodeSuggestions', 'IdeChat', 'PlatformChat',
            'Cli', 'TotalSeats', 'AddedThisCycle', 'PendingInvitation', 'PendingCancellation', 'ActiveThisCycle', 'InactiveThisCycle')
        Get-Rendered $detail $Width | Should -Contain "Organization          : $($Long.Org)"
        $null = Assert-ListLines (Get-Rendered (Get-CopilotOrgDetail -Organization octo-org @Conn) $Width) $Width
    }

    It 'lists the connection without a token' {
        $connection = Connect-Copilot -Organization $Long.Org @Conn
        try {
            $lines = Get-Rendered $connection $Width
            Assert-ListLines $lines $Width | Should -Be @('ApiUrl', 'ApiVersion', 'Organization', 'Enterprise', 'TokenSource')
            $lines | Should -Contain "Organization : $($Long.Org)"
            ($lines -join "`n") | Should -Not -Match $CanaryToken
        }
        finally { Disconnect-Copilot }
    }
}

Describe 'The CopilotUserUsage view at <Width> columns' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
    It 'shows the day as yyyy-MM-dd, a 20-character login and large counts whole' {
        $usage = New-Object CopilotSeats.CopilotUserUsage
        $usage.Day = [datetime]'2026-11-20'; $usage.Login = $Long.Login; $usage.Interactions = 123456789012
        $usage.CodeAcceptances = 98765432101; $usage.UsedChat = $true; $usage.UsedAgent = $false; $usage.AiCreditsUsed = 12345.75
        $lines = Get-Rendered $usage $Width
        Assert-TableLines $lines $Width | Should -Be 'Day        Login                Interactions Acceptances Chat  Agent AiCredits'
        $lines | Should -Contain "2026-11-20 $($Long.Login) 123456789012 98765432101 True  False  12345.75"
    }

    It 'a record without credits shows none' {
        $usage = New-Object CopilotSeats.CopilotUserUsage
        $usage.Day = [datetime]'2026-11-21'; $usage.Login = 'nocredits'; $usage.Interactions = 1
        $lines = Get-Rendered $usage $Width
        $null = Assert-TableLines $lines $Width
        $lines | Should -Contain '2026-11-21 nocredits                       1           0 False False'
    }

    It 'renders what Get-CopilotUsage outputs' {
        $lines = Get-Rendered (Get-CopilotUsage -Organization octo-lab @Conn | Select-Object -First 40) $Width
        $null = Assert-TableLines $lines $Width
        ($lines -join "`n") | Should -Match '(?m)^\d{4}-\d{2}-\d{2} \S+ +\d+ +\d+ (True |False) (True |False) +[\d.]+$'
    }
}

Describe 'The CopilotAccessCheck list and a GitHub App connection at <Width> columns' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
    It 'lists every check at a glance, each problem on its own line(s), nothing cut' {
        $check = New-Object CopilotSeats.CopilotAccessCheck
        $check.ApiUrl = 'https://api.github.com'; $check.Target = $Long.Org; $check.TokenSource = 'GH_TOKEN'; $check.TokenKind = 'Classic'
        $check.Scopes = @('manage_billing:copilot'); $check.CanReadOrgDetail = $true; $check.CanReadSeats = $true; $check.CanReadUsage = $false
        $check.RateLimitRemaining = 4997; $check.RateLimitResetAt = [DateTimeOffset]::new(2026, 12, 3, 13, 0, 0, [TimeSpan]::Zero)
        $check.Problems = @('Usage: the token lacks the scope: needs read:org (it has manage_billing:copilot).', 'Seats: second line')
        $lines = Get-Rendered $check $Width
        $named = @($lines | Where-Object { $_ -match '^\w+ +: ' } | ForEach-Object { ($_ -split ' ')[0] })
        $named | Should -Be @('ApiUrl', 'Target', 'TokenSource', 'TokenKind', 'Scopes', 'CanReadOrgDetail', 'CanReadSeats', 'CanReadUsage', 'CanReadCreditUsage',
            'CanReadBudgets', 'RateLimitRemaining', 'RateLimitResetAt', 'Problems')
        @($lines | Where-Object { $_ -match '^\w+ +: ' } | ForEach-Object { $_.IndexOf(' :') } | Sort-Object -Unique).Count | Should -Be 1
        foreach ($line in $lines) {
            $line.Length | Should -BeLessOrEqual $Width
            $line | Should -Not -Match '…|\.\.\.'
        }
        $lines | Should -Contain 'RateLimitResetAt   : 2026-12-03 13:00:00 UTC'
        foreach ($depth in 1, 2) { Get-Rendered (ConvertTo-Deserialized $check $depth) $Width | Should -Contain 'RateLimitResetAt   : 2026-12-03 13:00:00 UTC' }
        # Long problem lines wrap onto the value column; their text is all there, in order.
        (($lines -join '') -replace '\s+', '') | Should -BeLike '*Problems:Usage:thetokenlacksthescope:needsread:org(ithasmanage_billing:copilot).Seats:secondline*'
    }

    It 'shows the App lines of a GitHub App connection only' {
        $connection = New-Object CopilotSeats.CopilotConnection
        $connection.Organization = $Long.Org; $connection.TokenSource = 'GitHubApp'; $connection.AppClientId = 'Iv23liExampleApp'
        $connection.InstallationId = 12345678; $connection.TokenExpiresAt = [DateTimeOffset]::new(2026, 12, 3, 14, 0, 0, [TimeSpan]::Zero)
        $lines = Get-Rendered $connection $Width
        Assert-ListLines $lines $Width | Should -Be @('ApiUrl', 'ApiVersion', 'Organization', 'Enterprise', 'TokenSource', 'AppClientId', 'InstallationId', 'TokenExpiresAt')
        $lines | Should -Contain 'TokenExpiresAt : 2026-12-03 14:00:00 UTC'
        foreach ($depth in 1, 2) { Get-Rendered (ConvertTo-Deserialized $connection $depth) $Width | Should -Contain 'TokenExpiresAt : 2026-12-03 14:00:00 UTC' }
    }
}

Describe 'The AI-credit, budget and journal views at <Width> columns' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
    BeforeAll {
        function New-Object2([string] $Type, [hashtable] $Property) {
            $o = New-Object "CopilotSeats.$Type"
            foreach ($k in $Property.Keys) { $o.$k = $Property[$k] }
            $o
        }
    }

    It 'shows <Type> whole: <Header>' -ForEach @(
        @{ Type = 'CopilotCreditUsage'; Header = 'Period     UserName         Model                 Credits   Overage     NetUsd'
            Row = '2026-11-30 login-6789012345 claude-sonnet-4.5  12,345,678 1,234,567  12,345.67'
            Property = @{ Year = 2026; Month = 11; Day = 30; UserName = 'login-6789012345'; Model = 'claude-sonnet-4.5'
                GrossQuantity = 12345678.4; DiscountQuantity = 11111111; NetQuantity = 1234567.4; NetAmount = 12345.674 } }
        @{ Type = 'CopilotBudget'; Header = 'Scope           For                  Sku            AmountUsd ConsumedUsd Stop'
            Row = 'User            login-67890123456789 ai_credits        100000  123,456.78 Yes'
            Property = @{ Scope = 'User'; UserName = 'login-67890123456789'; Sku = 'ai_credits'; AmountUsd = 100000; ConsumedUsd = 123456.78; PreventFurtherUsage = $true } }
        @{ Type = 'CopilotUserBudget'; Header = 'UserName             AppliedScope AmountUsd ConsumedUsd RemainingUsd Blocked'
            Row = 'login-67890123456789 AllUsers        100000  123,456.78         0.00 True'
            Property = @{ UserName = 'login-67890123456789'; AppliedScope = 'AllUsers'; AmountUsd = 100000; ConsumedUsd = 123456.78; RemainingUsd = [decimal]'0.00'; Blocked = $true } }
        @{ Type = 'CopilotBudgetChange'; Header = 'UserName             Target               Result    OldAmountUsd AmountUsd'
            Row = 'login-67890123456789 org-567890123456789a Updated         100000    200000'
            Property = @{ UserName = 'login-67890123456789'; Organization = 'org-567890123456789a'; Result = 'Updated'; OldAmountUsd = 100000; AmountUsd = 200000 } }
        @{ Type = 'CopilotJournalEntry'; Header = 'Time             Run      Action       Name               Outcome     Target'
            Row = '2026-12-06 09:05 0123abcd RemoveBudget login-678901234567 Refused 422 octo-org'
            Property = @{ RunId = [guid]'0123abcd-0000-0000-0000-000000000000'; Time = [DateTimeOffset]::new(2026, 12, 6, 9, 5, 59, [TimeSpan]::Zero)
                Action = 'RemoveBudget'; Name = 'login-678901234567'; Outcome = 'Refused'; Status = 422; Organization = 'octo-org' } }
    ) {
        $lines = Get-Rendered (New-Object2 $Type $Property) $Width
        Assert-TableLines $lines $Width | Should -Be $Header
        $lines | Should -Contain $Row
        # Deserialized as Import-Clixml (depth 2) and Receive-Job (depth 1) give it, in a day-first culture: the same row.
        $saved = [System.Threading.Thread]::CurrentThread.CurrentCulture
        try {
            [System.Threading.Thread]::CurrentThread.CurrentCulture = [System.Globalization.CultureInfo]::GetCultureInfo('en-GB')
            $copies = foreach ($depth in 1, 2) { , (Get-Rendered (ConvertTo-Deserialized (New-Object2 $Type $Property) $depth) $Width) }
        }
        finally { [System.Threading.Thread]::CurrentThread.CurrentCulture = $saved }
        foreach ($copy in $copies) { $copy | Should -Contain $Row }
    }

    It 'shows For "<For>" for a <Scope> budget without user or entity' -ForEach @(
        @{ Scope = 'Enterprise'; Owner = @{ Organization = 'octo' }; For = '' }
        @{ Scope = 'Organization'; Owner = @{ Organization = 'octo' }; For = 'octo' }
        @{ Scope = 'Repository'; Owner = @{ Enterprise = 'octo-ent' }; For = '' }
    ) {
        $row = Get-Rendered (New-Object2 CopilotBudget (@{ Scope = $Scope; Sku = 'ai_credits'; AmountUsd = 5 } + $Owner)) $Width | Where-Object { $_.StartsWith($Scope) }
        $row.Substring(16, 20).Trim() | Should -Be $For
    }
}

Describe 'Output types in Export-Csv' {
    It 'every property of every type the cmdlets declare exports as text: a scalar or CopilotNameList, never an array or object' {
        $text = {
            param([type] $Type)
            $t = [Nullable]::GetUnderlyingType($Type) ?? $Type
            $t.IsPrimitive -or $t.IsEnum -or $t -in [string], [decimal], [datetime], [datetimeoffset], [timespan], [guid], [uri], [CopilotSeats.CopilotNameList]
        }
        @([string[]], [object], [System.Collections.Generic.List[string]] | Where-Object { & $text $_ }) | Should -BeNullOrEmpty
        $ours, $others = ((Get-Command -Module CopilotSeats).OutputType.Type | Sort-Object FullName -Unique).Where({ $_.Namespace -eq 'CopilotSeats' }, 'Split')
        $others.FullName | Should -Be @('System.IO.FileInfo', 'System.Management.Automation.PSObject', 'System.String', 'System.Void')
        @($ours.GetProperties() | Where-Object { -not (& $text $_.PropertyType) } | ForEach-Object { "$($_.DeclaringType.Name).$($_.Name)" }) | Should -BeNullOrEmpty
    }
}
