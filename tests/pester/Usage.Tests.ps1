# Get-CopilotUsage and Get-CopilotSeat -IncludeUsage against the simulator: every report for an organization and
# an enterprise, -Day and latest, the 204/403/404 messages, bad lines, Select-Object -First stopping the downloads,
# the usage join checked against values computed here from the report records, progress, and the download origin
# never seeing an Authorization header (nor any stream the token or a link's signature).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Sim, $script:Conn = Start-TestSession
    $script:Shell = New-ModuleShell
    $script:Headers = @{ Authorization = "Bearer $CanaryToken"; 'User-Agent' = 'pester-usage' }
    # Simulator data lags two days: three days back always has data.
    $script:DataDay = [DateTime]::UtcNow.Date.AddDays(-3)

    function Get-Downloads { Invoke-RestMethod -Uri "$($Sim.Url)/_simulator/downloads" -Method Get }
    function Clear-Downloads { $null = Invoke-RestMethod -Uri "$($Sim.Url)/_simulator/downloads" -Method Delete }

    # The report's records the way a script would read them: the links with Invoke-RestMethod, each file with
    # Invoke-WebRequest, each line with ConvertFrom-Json.
    function Get-ReportRecords([string] $Path) {
        $answer = Invoke-RestMethod -Uri "$($Sim.Url)$Path" -Headers $Headers
        foreach ($link in $answer.download_links) {
            $text = (Invoke-WebRequest -Uri $link -UseBasicParsing).Content
            if ($text -is [byte[]]) { $text = [System.Text.Encoding]::UTF8.GetString($text) }
            foreach ($line in $text -split "`n") { if ($line.Trim()) { $line | ConvertFrom-Json } }
        }
    }
}

AfterAll {
    Remove-ModuleShell $Shell
    Stop-TestSimulator $Sim
}

Describe 'Get-CopilotUsage reports' {
    BeforeAll { Reset-Simulator $Sim }

    It 'streams the latest 28-day users report of an organization: one CopilotUserUsage per seated user and day' {
        $usage = @(Get-CopilotUsage -Organization octo-org @Conn)
        $usage.Count | Should -Be (120 * 28)
        $usage[0] | Should -BeOfType CopilotSeats.CopilotUserUsage
        $usage[0].Organization | Should -Be 'octo-org'
        @($usage | Select-Object -ExpandProperty Day -Unique).Count | Should -Be 28
        $usage[0].Day.TimeOfDay | Should -Be ([TimeSpan]::Zero)
        @($usage | Where-Object Active).Count | Should -BeGreaterThan 0
        $active = $usage | Where-Object { $_.Active } | Select-Object -First 1
        ($active.Interactions + $active.CodeGenerations + $active.CodeAcceptances -gt 0 -or $active.UsedChat -or $active.UsedAgent -or $active.UsedCli) | Should -BeTrue
    }

    It 'exports one clean CSV row per user and day' {
        $csv = Get-CopilotUsage -Organization octo-lab -Day $DataDay @Conn | ConvertTo-Csv -NoTypeInformation
        $csv.Count | Should -Be (30 + 1)
        $csv[0] | Should -Be '"Organization","Enterprise","Day","Login","UserId","Interactions","CodeGenerations","CodeAcceptances","LinesSuggestedToAdd","LinesSuggestedToDelete","LinesAdded","LinesDeleted","UsedChat","UsedAgent","UsedCli","Active","Ides","Features","AiCreditsUsed"'
        ($csv -join "`n") | Should -Not -Match 'System\.Object\[\]|System\.Collections'
    }

    It '<Report> of the <Scope> (<When>) comes out with the record''s own property names' -ForEach @(
        @{ Scope = 'organization'; Target = @{ Organization = 'octo-org' }; Report = 'Users'; When = 'latest'; Day = $false; Prop = 'Login' }
        @{ Scope = 'organization'; Target = @{ Organization = 'octo-org' }; Report = 'Users'; When = 'one day'; Day = $true; Prop = 'Login' }
        @{ Scope = 'organization'; Target = @{ Organization = 'octo-org' }; Report = 'Summary'; When = 'latest'; Day = $false; Prop = 'daily_active_users' }
        @{ Scope = 'organization'; Target = @{ Organization = 'octo-org' }; Report = 'Summary'; When = 'one day'; Day = $true; Prop = 'daily_active_users' }
        @{ Scope = 'organization'; Target = @{ Organization = 'octo-org' }; Report = 'UserTeams'; When = 'one day'; Day = $true; Prop = 'team_slug' }
        @{ Scope = 'organization'; Target = @{ Organization = 'octo-org' }; Report = 'Repositories'; When = 'one day'; Day = $true; Prop = 'repository_name' }
        @{ Scope = 'enterprise'; Target = @{ Enterprise = 'octo-ent' }; Report = 'Users'; When = 'latest'; Day = $false; Prop = 'Login' }
        @{ Scope = 'enterprise'; Target = @{ Enterprise = 'octo-ent' }; Report = 'Users'; When = 'one day'; Day = $true; Prop = 'Login' }
        @{ Scope = 'enterprise'; Target = @{ Enterprise = 'octo-ent' }; Report = 'Summary'; When = 'latest'; Day = $false; Prop = 'daily_active_users' }
        @{ Scope = 'enterprise'; Target = @{ Enterprise = 'octo-ent' }; Report = 'Summary'; When = 'one day'; Day = $true; Prop = 'daily_active_users' }
        @{ Scope = 'enterprise'; Target = @{ Enterprise = 'octo-ent' }; Report = 'UserTeams'; When = 'one day'; Day = $true; Prop = 'team_slug' }
        @{ Scope = 'enterprise'; Target = @{ Enterprise = 'octo-ent' }; Report = 'Repositories'; When = 'one day'; Day = $true; Prop = 'repository_name' }
    ) {
        $params = @{ Report = $Report } + $Target
        if ($Day) { $params.Day = $DataDay }
        $records = @(Get-CopilotUsage @params @Conn)
        $records.Count | Should -BeGreaterThan 0
        $records[0].PSObject.Properties.Name | Should -Contain $Prop
        if ($Report -eq 'Users') {
            $records[0] | Should -BeOfType CopilotSeats.CopilotUserUsage
            if ($Target.Enterprise) { $records[0].Enterprise | Should -Be 'octo-ent' }
        }
        else {
            $records[0].day | Should -Not -BeNullOrEmpty
            if ($Report -eq 'Repositories') { $records[0].pull_requests.copilot_coding_agent.PSObject.Properties.Name | Should -Contain 'created_count' }
        }
        if ($Day) { @($records | ForEach-Object { if ($_ -is [CopilotSeats.CopilotUserUsage]) { $_.Day } else { [datetime]$_.day } } | Select-Object -Unique) | Should -Be $DataDay }
        $raw = @(Get-CopilotUsage @params -Raw @Conn)
        $raw.Count | Should -Be $records.Count
        $raw[0] | Should -BeOfType [string]
        ($raw[0] | ConvertFrom-Json).PSObject.Properties.Name | Should -Contain 'day'
    }

    It 'reads each target''s report once however many piped seats name it' {
        $seats = @(Get-CopilotSeat -Organization octo-lab @Conn | Select-Object -First 3)
        $direct = @(Get-CopilotUsage -Organization octo-lab -Report Summary @Conn)
        Clear-SimulatorLog $Sim
        $piped = @($seats | Get-CopilotUsage -Report Summary @Conn)
        $piped.Count | Should -Be $direct.Count
        @(Get-SimulatorRequests $Sim GET | Where-Object path -like '/orgs/octo-lab/copilot/metrics/*').Count | Should -Be 1
    }

    It 'UserTeams and Repositories without -Day stop with CopilotSeats.DayRequired before any request' {
        Clear-SimulatorLog $Sim
        $err = Get-ThrownError { Get-CopilotUsage -Organization octo-org -Report UserTeams @Conn }
        Assert-ErrorRecord $err 'CopilotSeats.DayRequired' 'InvalidArgument' 'octo-org'
        $err.Exception.Message | Should -Be 'GitHub has the UserTeams report only per day: pass -Day.'
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
    }
}

Describe 'Messages for days without data, before the data start and with the policy off' {
    BeforeAll {
        Reset-Simulator $Sim
        $script:NoData = $DataDay.AddDays(-2)
        Set-SimulatorFaults $Sim @{ usage = @{ noDataDays = @($NoData.ToString('yyyy-MM-dd')); policyOff = @('octo-lab') } }
    }

    It 'a day without data (204) gives one warning and no output' {
        $out = @(Get-CopilotUsage -Organization octo-org -Day $NoData @Conn -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable failed -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        $failed.Count | Should -Be 0
        $warned.Count | Should -Be 1
        "$($warned[0])" | Should -Match ([regex]::Escape($NoData.ToString('yyyy-MM-dd')))
    }

    It 'the policy off (403) is an error that says to enable the Copilot usage metrics policy' {
        $out = @(Get-CopilotUsage -Organization octo-lab @Conn -ErrorVariable failed -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        $failed.Count | Should -Be 1
        Assert-ErrorRecord $failed[0] 'CopilotSeats.Http403' PermissionDenied
        $failed[0].ErrorDetails.RecommendedAction | Should -Match 'Enable the "Copilot usage metrics" policy'
    }

    It 'a day before the data start (404) is an error that says which days to pick' {
        $out = @(Get-CopilotUsage -Organization octo-org -Day '2025-10-01' @Conn -ErrorVariable failed -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -Match '^CopilotSeats.Http404'
        $failed[0].ErrorDetails.RecommendedAction | Should -Match 'Pick a day from 2025-10-10'
    }
}

Describe 'Streaming, bad lines and the download origin' {
    BeforeEach { Reset-Simulator $Sim; Clear-Downloads }

    It 'Select-Object -First 5 sends no further download request than the first file' {
        $first = @(Get-CopilotUsage -Organization octo-org @Conn | Select-Object -First 5)
        $first.Count | Should -Be 5
        Start-Sleep -Milliseconds 300
        $downloads = @((Get-Downloads).requests)
        $downloads.Count | Should -Be 1
        $downloads[0].file | Should -Be 1
    }

    It 'the first record reaches the pipeline while the first file is still downloading' {
        Set-SimulatorFaults $Sim @{ usage = @{ dripChunkBytes = 8192; dripDelayMs = 20 } }
        $script:AtFirst = $null
        $count = 0
        Get-CopilotUsage -Organization octo-org @Conn | ForEach-Object {
            if ($null -eq $script:AtFirst) { $script:AtFirst = @((Get-Downloads).requests)[0] }
            $count++
        }
        $count | Should -Be (120 * 28)
        $script:AtFirst.file | Should -Be 1
        $script:AtFirst.completed | Should -BeFalse
        $done = @((Get-Downloads).requests)[0]
        $done.completed | Should -BeTrue
        $script:AtFirst.bytesSent | Should -BeLessThan ($done.bytesSent / 4)
    }

    It 'a malformed line is one CopilotSeats.BadReportLine error with its file and line, and the rest still comes out' {
        Set-SimulatorFaults $Sim @{ usage = @{ malformedLine = @{ file = 2; line = 3 } } }
        $out = @(Get-CopilotUsage -Organization octo-org @Conn -ErrorVariable failed -ErrorAction SilentlyContinue)
        $out.Count | Should -Be (120 * 28)
        $failed.Count | Should -Be 1
        Assert-ErrorRecord $failed[0] 'CopilotSeats.BadReportLine' InvalidData
        $failed[0].TargetObject.File | Should -Be 2
        $failed[0].TargetObject.Line | Should -Be 3
    }

    It 'gzip files, a link that expires mid-download and the verbose stream keep every record once, without a signature or token in any stream' {
        Set-SimulatorFaults $Sim @{ usage = @{ gzip = $true; linkLifetimeSeconds = 1.5; dripChunkBytes = 16384; dripDelayMs = 40; recordsPerFile = 600 } }
        $all = @(Get-CopilotUsage -Organization octo-org @Conn -Verbose 4>&1 3>&1 2>&1)
        $records = @($all | Where-Object { $_ -is [CopilotSeats.CopilotUserUsage] })
        $records.Count | Should -Be (120 * 28)
        @($records | ForEach-Object { "$($_.Login)|$($_.Day)" } | Select-Object -Unique).Count | Should -Be (120 * 28)
        (@($records.Login | Sort-Object -Unique) -join ',') | Should -Be (@((Get-CopilotSeat -Organization octo-org @Conn).Login | Sort-Object) -join ',')
        $downloads = @((Get-Downloads).requests)
        @($downloads | Where-Object expired).Count | Should -BeGreaterThan 0
        @($downloads | Where-Object gzip).Count | Should -BeGreaterThan 0
        $text = ConvertTo-AllText ($all | Where-Object { $_ -isnot [CopilotSeats.CopilotUserUsage] })
        $text | Should -Match 'fresh links'
        $text | Should -Not -Match "sig=|$CanaryToken"
    }

    It 'shows download progress that is completed when the command ends, and none under $ProgressPreference SilentlyContinue' {
        $out = Invoke-InShell 'Get-CopilotUsage -Organization octo-org -Token $tok -ApiUrl $api'
        $out.Count | Should -Be (120 * 28)
        $bars = @($Shell.Streams.Progress | Where-Object { $_.Activity -match 'Downloading the Copilot users report' })
        @($bars | Where-Object { "$($_.RecordType)" -eq 'Processing' }).Count | Should -BeGreaterThan 0
        $bars[0].StatusDescription | Should -Match '^File 1 of 2'
        "$($bars[-1].RecordType)" | Should -Be 'Completed'
        $out = Invoke-InShell '$ProgressPreference = "SilentlyContinue"; Get-CopilotUsage -Organization octo-org -Token $tok -ApiUrl $api'
        $out.Count | Should -Be (120 * 28)
        @($Shell.Streams.Progress).Count | Should -Be 0
        $null = Invoke-InShell '$ProgressPreference = "Continue"'
    }
}

Describe 'Get-CopilotSeat -IncludeUsage' {
    BeforeAll { Reset-Simulator $Sim }

    It 'fills the usage of every <Scope> seat with the values computed from the report records' -ForEach @(
        @{ Scope = 'organization'; Target = @{ Organization = 'octo-org' }; Path = '/orgs/octo-org/copilot/metrics/reports/users-28-day/latest' }
        @{ Scope = 'enterprise'; Target = @{ Enterprise = 'octo-ent' }; Path = '/enterprises/octo-ent/copilot/metrics/reports/users-28-day/latest' }
    ) {
        $records = @(Get-ReportRecords $Path)
        $expected = @{}
        foreach ($r in $records) {
            $e = $expected[$r.user_login]
            if (-not $e) { $e = @{ Days = @{}; Interactions = 0; Credits = [decimal]0; Last = $null }; $expected[$r.user_login] = $e }
            $e.Interactions += $r.user_initiated_interaction_count
            $e.Credits += [decimal]$r.ai_credits_used
            $active = $r.user_initiated_interaction_count -gt 0 -or $r.code_generation_activity_count -gt 0 -or $r.code_acceptance_activity_count -gt 0 -or $r.used_chat -or $r.used_agent -or $r.used_cli
            if ($active) {
                $day = [datetime]::ParseExact($r.day, 'yyyy-MM-dd', [cultureinfo]::InvariantCulture)
                $e.Days[$day] = $true
                if ($null -eq $e.Last -or $day -gt $e.Last) { $e.Last = $day }
            }
        }
        $end = [datetime]::ParseExact(($records | ForEach-Object report_end_day | Select-Object -First 1), 'yyyy-MM-dd', [cultureinfo]::InvariantCulture)

        $seats = @(Get-CopilotSeat @Target -IncludeUsage @Conn -WarningVariable warned -WarningAction SilentlyContinue)
        $warned.Count | Should -Be 0
        $seats.Count | Should -BeGreaterThan 10
        foreach ($seat in $seats) {
            $e = $expected[$seat.Login]
            $seat.UsageReportEndDay | Should -Be $end
            $seat.UsageActiveDays | Should -Be $e.Days.Count -Because $seat.Login
            $seat.UsageLastActiveDay | Should -Be $e.Last -Because $seat.Login
            $seat.UsageInteractions | Should -Be $e.Interactions -Because $seat.Login
            $seat.UsageAiCreditsUsed | Should -Be $e.Credits -Because $seat.Login
        }
        $summary = $seats | Measure-CopilotSeat
        $summary.UsageActive | Should -Be @($expected.Values | Where-Object { $_.Days.Count -gt 0 }).Count
    }

    It 'without the switch no report is requested and the usage stays null; Measure-CopilotSeat has no UsageActive' {
        Clear-SimulatorLog $Sim
        $seats = @(Get-CopilotSeat -Organization octo-lab @Conn)
        @(Get-SimulatorRequests $Sim | Where-Object { $_.path -match 'metrics' }).Count | Should -Be 0
        $seats | ForEach-Object { $_.UsageActiveDays; $_.UsageReportEndDay; $_.UsageInteractions } | Where-Object { $null -ne $_ } | Should -BeNullOrEmpty
        ($seats | Measure-CopilotSeat).UsageActive | Should -BeNullOrEmpty
    }

    It 'when the report cannot be had, one warning says why and the seats still come out with null usage' {
        Set-SimulatorFaults $Sim @{ usage = @{ policyOff = @('octo-lab') } }
        $seats = @(Get-CopilotSeat -Organization octo-lab -IncludeUsage @Conn -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable failed -ErrorAction SilentlyContinue)
        $seats.Count | Should -Be 30
        $failed.Count | Should -Be 0
        $warned.Count | Should -Be 1
        "$($warned[0])" | Should -Match 'Copilot usage metrics'
        @($seats | Where-Object { $null -ne $_.UsageReportEndDay }).Count | Should -Be 0
        Set-SimulatorFaults $Sim @{}
    }

    It 'Measure-CopilotSeat -IncludeUsage counts UsageActive from its own listing' {
        $piped = Get-CopilotSeat -Organization octo-org -IncludeUsage @Conn | Measure-CopilotSeat
        (Measure-CopilotSeat -Organization octo-org -IncludeUsage @Conn).UsageActive | Should -Be $piped.UsageActive
        $piped.UsageActive | Should -BeGreaterThan 0
    }
}

Describe 'Export-CopilotSeatReport -IncludeUsage' {
    BeforeAll { Reset-Simulator $Sim }

    It 'shows UsageActive for the <Scope>: the seated users with an active day in the simulator''s report, as Measure-CopilotSeat counts them' -ForEach @(
        @{ Scope = 'organization'; Target = @{ Organization = 'octo-org' }; Path = '/orgs/octo-org/copilot/metrics/reports/users-28-day/latest' }
        @{ Scope = 'enterprise'; Target = @{ Enterprise = 'octo-ent' }; Path = '/enterprises/octo-ent/copilot/metrics/reports/users-28-day/latest' }
    ) {
        $seated = @{}
        foreach ($seat in Get-CopilotSeat @Target @Conn) { $seated[$seat.Login.ToLowerInvariant()] = $true }
        $active = @{}
        foreach ($r in @(Get-ReportRecords $Path)) {
            $used = $r.user_initiated_interaction_count -gt 0 -or $r.code_generation_activity_count -gt 0 -or $r.code_acceptance_activity_count -gt 0 -or $r.used_chat -or $r.used_agent -or $r.used_cli
            if ($used -and $seated.ContainsKey($r.user_login.ToLowerInvariant())) { $active[$r.user_login.ToLowerInvariant()] = $true }
        }
        $active.Count | Should -BeGreaterThan 0

        $file = Join-Path $TestDrive "usage-$Scope.html"
        Export-CopilotSeatReport -Path $file @Target -IncludeUsage @Conn -WarningVariable warned -WarningAction SilentlyContinue
        $warned.Count | Should -Be 0
        $figure = [regex]::Match((Get-Content -LiteralPath $file -Raw), 'data-figure="UsageActive" data-value="(\d+)">([^<]*)</span>')
        $figure.Success | Should -BeTrue
        [int]$figure.Groups[1].Value | Should -Be $active.Count
        [int]($figure.Groups[2].Value -replace ',', '') | Should -Be $active.Count
        (Measure-CopilotSeat @Target -IncludeUsage @Conn).UsageActive | Should -Be $active.Count
    }

    It 'without the switch asks for no report and shows no UsageActive; it is not a parameter of piped seats' {
        Clear-SimulatorLog $Sim
        $file = Join-Path $TestDrive 'plain.html'
        Export-CopilotSeatReport -Path $file -Organization octo-lab @Conn
        @(Get-SimulatorRequests $Sim | Where-Object { $_.path -match 'metrics' }).Count | Should -Be 0
        Get-Content -LiteralPath $file -Raw | Should -Not -Match 'UsageActive'
        { Get-CopilotSeat -Organization octo-lab @Conn | Export-CopilotSeatReport -Path $file -IncludeUsage -ErrorAction Stop } |
            Should -Throw -ErrorId 'InputObjectNotBound,CopilotSeats.Commands.ExportCopilotSeatReportCommand'
    }

    It 'when the report cannot be had, one warning says why and the page shows no UsageActive' {
        Set-SimulatorFaults $Sim @{ usage = @{ policyOff = @('octo-lab') } }
        $file = Join-Path $TestDrive 'off.html'
        Export-CopilotSeatReport -Path $file -Organization octo-lab -IncludeUsage @Conn -WarningVariable warned -WarningAction SilentlyContinue
        $warned.Count | Should -Be 1
        "$($warned[0])" | Should -Match 'Copilot usage metrics'
        Get-Content -LiteralPath $file -Raw | Should -Not -Match 'UsageActive'
        Set-SimulatorFaults $Sim @{}
    }
}

Describe 'The download origin' {
    It 'never saw an Authorization header during this file''s tests' {
        # The count covers every request since the simulator started: resets do not clear it.
        (Get-Downloads).authorizationSeen | Should -Be 0
        Get-CopilotUsage -Organization octo-org -Report Summary @Conn | Out-Null
        Get-CopilotSeat -Enterprise octo-ent -IncludeUsage @Conn | Out-Null
        $downloads = Get-Downloads
        $downloads.authorizationSeen | Should -Be 0
        @($downloads.requests | Where-Object hadAuthorization).Count | Should -Be 0
        @($downloads.requests).Count | Should -BeGreaterThan 0
    }
}
