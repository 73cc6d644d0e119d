# Export-CopilotSeatReport rendered in headless Chromium. The figures the rendered page shows are recomputed
# here, with the rules the help states, from the simulator's seats as Get-CopilotSeat lists them (plus two
# seats with hostile names, as piped seats may come from anywhere: Import-Csv, a script). Also: the headline
# figures equal Measure-CopilotSeat's, no script element and no http(s) reference, -PassThru, paths and errors.
# Chromium must be on PATH (Debian's chromium package; .ci/run installs it): without it these tests fail.
# The screenshot goes to out/CopilotSeatReport.png for review.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Sim, $script:Conn = Start-TestSession
    $script:Work = Join-Path ([System.IO.Path]::GetTempPath()) ('copilotseats-report-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $null = New-Item -ItemType Directory -Path $Work
    $script:Hostile = '<script>alert(1)</script>'
    $script:HostileEditor = '<img src=x onerror=alert(2)>'
    $script:Price = @{ business = 21; enterprise = 40.5 }

    function Get-Chromium {
        $found = Get-Command -Name chromium, chromium-browser -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if (-not $found) {
            throw "chromium is not on PATH. The report test renders the page in headless Chromium: install Debian's chromium package (apt-get install -y chromium); .ci/run installs it when missing."
        }
        $found.Source
    }

    # Runs Chromium headless on a local file with a generous timeout; returns its standard output.
    function Invoke-Chromium([string[]] $Arguments) {
        $flags = '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
            '--no-first-run', '--no-default-browser-check', "--user-data-dir=$(Join-Path $Work 'chromium-profile')"
        $run = Invoke-ChildProcess (Get-Chromium) (@($flags) + $Arguments) $Work -TimeoutMinutes 4
        if ($run.ExitCode -ne 0) { throw "Chromium exited $($run.ExitCode): $($run.StdErr)" }
        $run.StdOut
    }

    function ConvertFrom-Html([string] $Text) { [System.Net.WebUtility]::HtmlDecode($Text) }
    function ConvertTo-Number([string] $Text) { [decimal]::Parse(($Text -replace ',', '').Trim(), [cultureinfo]::InvariantCulture) }

    # Whole days since the last sign of use (activity, else creation), as the help defines DaysInactive.
    function Get-Days($Seat, [DateTimeOffset] $Now) {
        $last = if ($null -ne $Seat.LastActivityAt) { $Seat.LastActivityAt } else { $Seat.CreatedAt }
        if ($null -eq $last) { return $null }
        [int][Math]::Max(0, [Math]::Floor(($Now - [DateTimeOffset]$last).TotalDays))
    }

    # The page's figures, recomputed from the seats.
    function Get-Expected($Seats, [DateTimeOffset] $Now, [int] $InactiveDays, [hashtable] $Price) {
        $cost = { param($plan) if ($plan -and $Price.ContainsKey([string]$plan)) { [decimal]$Price[[string]$plan] } else { [decimal]0 } }
        $users = @($Seats | Group-Object { ([string]$_.Login).ToLowerInvariant() })
        $e = [ordered]@{ Seats = @($Seats).Count; Users = $users.Count; Active = 0; Inactive = 0; PendingCancellation = 0; MonthlyCost = [decimal]0; InactiveMonthlyCost = [decimal]0 }
        foreach ($u in $users) {
            $active = @($u.Group | Where-Object { $d = Get-Days $_ $Now; $null -ne $d -and $d -lt $InactiveDays }).Count -gt 0
            $pending = @($u.Group | Where-Object { $null -eq $_.PendingCancellationDate }).Count -eq 0
            $best = ($u.Group | ForEach-Object { & $cost $_.PlanType } | Measure-Object -Maximum).Maximum
            $e.MonthlyCost += $best
            if ($active) { $e.Active++ } else { $e.Inactive++; if (-not $pending) { $e.InactiveMonthlyCost += $best } }
            if ($pending) { $e.PendingCancellation++ }
        }
        $histogram = [ordered]@{ '0-7' = 0; '8-30' = 0; '31-60' = 0; '61-90' = 0; 'over 90' = 0; 'never used' = 0 }
        foreach ($s in $Seats) {
            if ($null -eq $s.LastActivityAt) { $histogram['never used']++; continue }
            $d = Get-Days $s $Now
            $key = if ($d -le 7) { '0-7' } elseif ($d -le 30) { '8-30' } elseif ($d -le 60) { '31-60' } elseif ($d -le 90) { '61-90' } else { 'over 90' }
            $histogram[$key]++
        }
        # Most inactive first (no date at all counts as most), then by login compared ordinally, ignoring case.
        $reclaimable = [System.Collections.Generic.List[object]]::new()
        foreach ($s in $Seats) {
            if ($s.AssigningTeam -or $null -ne $s.PendingCancellationDate) { continue }
            $d = Get-Days $s $Now
            if ($null -eq $d -or $d -ge $InactiveDays) { $reclaimable.Add([pscustomobject]@{ Login = $s.Login; Days = $d }) }
        }
        $reclaimable.Sort([System.Comparison[object]] {
                param($a, $b)
                $da = if ($null -eq $a.Days) { [int]::MaxValue } else { $a.Days }
                $db = if ($null -eq $b.Days) { [int]::MaxValue } else { $b.Days }
                if ($da -ne $db) { return $db.CompareTo($da) }
                [System.StringComparer]::OrdinalIgnoreCase.Compare($a.Login, $b.Login)
            })
        [pscustomobject]@{
            Figures     = $e
            Histogram   = $histogram
            Editors     = Get-Counts $Seats { $editor = if ($_.LastActivityEditor) { ($_.LastActivityEditor -split '/')[0].Trim() } else { '' }; if ($editor) { $editor } else { '(none)' } }
            Orgs        = Get-Counts $Seats { if ($_.Organization) { $_.Organization } else { '(none)' } }
            Teams       = Get-Counts $Seats { if ($_.AssigningTeam) { $_.AssigningTeam } else { '(direct)' } }
            Reclaimable = $reclaimable
        }
    }

    function Get-Counts($Seats, [scriptblock] $Key) {
        $counts = @{}
        foreach ($k in @($Seats | ForEach-Object $Key)) { $counts[$k] = 1 + [int]$counts[$k] }
        $counts
    }

    # What the rendered DOM shows.
    function Read-Figures([string] $Dom) {
        $figures = @{}
        foreach ($m in [regex]::Matches($Dom, 'data-figure="(\w+)" data-value="[^"]*">([^<]*)</span>')) { $figures[$m.Groups[1].Value] = ConvertTo-Number $m.Groups[2].Value }
        $figures
    }

    function Read-Bars([string] $Dom, [string] $SvgId) {
        $svg = [regex]::Match($Dom, "(?s)<svg id=`"$SvgId`".*?</svg>")
        if (-not $svg.Success) { throw "The page shows no chart $SvgId." }
        $bars = @{}
        foreach ($m in [regex]::Matches($svg.Value, '(?s)<g class="bar" data-label="([^"]*)" data-count="\d+">.*?<text class="count"[^>]*>([^<]*)</text>')) {
            $bars[(ConvertFrom-Html $m.Groups[1].Value)] = [int](ConvertTo-Number $m.Groups[2].Value)
        }
        $bars
    }

    function Assert-Counts($Actual, $Expected, [string] $Chart) {
        @($Actual.Keys | Sort-Object) | Should -Be @($Expected.Keys | Sort-Object) -Because "the bars of $Chart"
        foreach ($k in $Expected.Keys) { $Actual[$k] | Should -Be $Expected[$k] -Because "$Chart '$k'" }
    }
}

AfterAll {
    Stop-TestSimulator $Sim
    Remove-Item -LiteralPath $Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Export-CopilotSeatReport in Chromium' {
    BeforeAll {
        Reset-Simulator $Sim
        $script:Listed = @(Get-CopilotSeat -Enterprise octo-ent @Conn)
        $now = [DateTimeOffset]::UtcNow
        $script:All = $Listed + @(
            [CopilotSeats.CopilotSeat]@{ Login = $Hostile; Organization = 'octo-org'; Enterprise = 'octo-ent'; PlanType = 'business'
                CreatedAt = $now.AddDays(-300); LastActivityAt = $now.AddDays(-120); LastActivityEditor = "$HostileEditor/1.0" }
            [CopilotSeats.CopilotSeat]@{ Login = 'team-hostile'; Organization = 'octo-org'; Enterprise = 'octo-ent'; PlanType = 'business'; AssigningTeam = $Hostile
                CreatedAt = $now.AddDays(-40); LastActivityAt = $now.AddDays(-3); LastActivityEditor = 'vscode/1.95.3/copilot/1.245.0' }
        )
        $script:Page = Join-Path $Work 'report.html'
        $script:File = $All | Export-CopilotSeatReport -Path $Page -InactiveDays 45 -Price $Price -PassThru
        $script:Raw = Get-Content -LiteralPath $Page -Raw

        $script:Dom = Invoke-Chromium @('--dump-dom', [System.Uri]::new($Page).AbsoluteUri)
        $shotDir = Join-Path $RepoRoot 'out'
        $null = New-Item -ItemType Directory -Path $shotDir -Force
        $script:Shot = Join-Path $shotDir 'CopilotSeatReport.png'
        Remove-Item -LiteralPath $Shot -ErrorAction SilentlyContinue
        $null = Invoke-Chromium @('--hide-scrollbars', "--screenshot=$Shot", '--window-size=1280,2400', [System.Uri]::new($Page).AbsoluteUri)

        $generated = [regex]::Match($Dom, '<time id="generated-at" datetime="([^"]+)"')
        $script:Now = [DateTimeOffset]::Parse($generated.Groups[1].Value, [cultureinfo]::InvariantCulture)
        $script:Expected = Get-Expected $All $Now 45 $Price
    }

    It 'rendered the page, stamped with the generation time, target, threshold and prices' {
        $Dom | Should -Match '<h1>Copilot seat report</h1>'
        $File.FullName | Should -Be $Page
        ([DateTimeOffset]::UtcNow - $Now).TotalMinutes | Should -BeLessThan 10
        $Dom | Should -Match '<time id="generated-at" datetime="[^"]+">\d{4}-\d\d-\d\d \d\d:\d\d UTC</time>'
        $Dom | Should -Match '<p class="subtitle" id="target">octo-ent</p>'
        $Dom | Should -Match 'id="inactive-days" data-value="45">no Copilot activity for 45 days or more'
        $Dom | Should -Match '<dd id="prices">business 21.00, enterprise 40.50 USD per user per month'
    }

    It 'shows the headline figures the seats add up to' {
        $figures = Read-Figures $Dom
        @($figures.Keys | Sort-Object) | Should -Be @($Expected.Figures.Keys | Sort-Object)
        foreach ($name in $Expected.Figures.Keys) { $figures[$name] | Should -Be $Expected.Figures[$name] -Because $name }
        $Expected.Figures.Inactive | Should -BeGreaterThan 0
        $Expected.Figures.PendingCancellation | Should -BeGreaterThan 0
        $Expected.Figures.Users | Should -BeLessThan $Expected.Figures.Seats
    }

    It 'shows the same headline figures as Measure-CopilotSeat for the same seats, -InactiveDays and -Price' {
        $summary = $All | Measure-CopilotSeat -InactiveDays 45 -Price $Price
        $figures = Read-Figures $Dom
        foreach ($name in $figures.Keys) { $figures[$name] | Should -Be $summary.$name -Because $name }
    }

    It 'shows the days-inactive histogram' {
        $shown = [ordered]@{}
        foreach ($m in [regex]::Matches($Dom, '(?s)<g class="bucket[^"]*" data-bucket="([^"]+)" data-count="\d+">.*?<text class="count"[^>]*>([^<]*)</text>')) {
            $shown[$m.Groups[1].Value] = [int](ConvertTo-Number $m.Groups[2].Value)
        }
        @($shown.Keys) | Should -Be @('0-7', '8-30', '31-60', '61-90', 'over 90', 'never used')
        foreach ($k in $Expected.Histogram.Keys) { $shown[$k] | Should -Be $Expected.Histogram[$k] -Because "column $k" }
        ($Expected.Histogram.Values | Measure-Object -Sum).Sum | Should -Be $All.Count
    }

    It 'shows seats by editor, organization and team' {
        Assert-Counts (Read-Bars $Dom 'by-editor') $Expected.Editors 'by-editor'
        Assert-Counts (Read-Bars $Dom 'by-organization') $Expected.Orgs 'by-organization'
        Assert-Counts (Read-Bars $Dom 'by-team') $Expected.Teams 'by-team'
        $Expected.Editors.Keys | Should -Contain $HostileEditor
    }

    It 'lists the reclaimable seats, most inactive first' {
        $table = [regex]::Match($Dom, '(?s)<table id="reclaimable-seats">.*?</table>').Value
        $rows = @([regex]::Matches($table, '(?s)<tr><td class="login">(.*?)</td>.*?<td class="num">([^<]*)</td><td class="num">[^<]*</td></tr>') |
            ForEach-Object { [pscustomobject]@{ Login = ConvertFrom-Html $_.Groups[1].Value; Days = $_.Groups[2].Value } })
        $rows.Count | Should -Be $Expected.Reclaimable.Count
        $rows.Count | Should -BeGreaterThan 10
        @($rows.Login) | Should -Be @($Expected.Reclaimable.Login)
        @($rows.Days | ForEach-Object { [int](ConvertTo-Number $_) }) | Should -Be @($Expected.Reclaimable.Days)
        [regex]::Match($Dom, '<span id="reclaimable-count" data-value="\d+">([^<]*)</span>').Groups[1].Value | Should -Be "$($rows.Count)"
    }

    It 'shows hostile names as text: no script or img element, the names literally' {
        $Dom | Should -Not -Match '<script|<img'
        $Raw | Should -Not -Match '<script'
        $login = [regex]::Match($Dom, '<td class="login">(&lt;script.*?)</td>')
        $login.Success | Should -BeTrue
        ConvertFrom-Html $login.Groups[1].Value | Should -BeExactly $Hostile
        (Read-Bars $Dom 'by-team').Keys | Should -Contain $Hostile
        $Dom | Should -Match ([regex]::Escape('<title>&lt;script&gt;alert(1)&lt;/script&gt;: 1 seat</title>'))
    }

    It 'references no http or https URL and carries no token' {
        $Raw | Should -Not -Match 'https?:'
        $Raw | Should -Not -Match ([regex]::Escape($CanaryToken))
        # Attribute names (a value's quotes are always encoded, so name=" only starts a real attribute): nothing that loads or runs.
        $attributes = @([regex]::Matches($Raw, '\s([A-Za-z][\w:-]*)="') | ForEach-Object { $_.Groups[1].Value } | Sort-Object -Unique)
        $attributes | Should -Contain 'data-label'
        foreach ($banned in 'src', 'href', 'xlink:href', 'srcset', 'action', 'formaction', 'background', 'poster') { $attributes | Should -Not -Contain $banned }
        @($attributes -match '^on') | Should -BeNullOrEmpty
        $Raw | Should -Not -Match 'url\('
    }

    It 'wrote the screenshot to out/ for review' {
        Test-Path -LiteralPath $Shot | Should -BeTrue
        $bytes = [System.IO.File]::ReadAllBytes($Shot)
        $bytes.Length | Should -BeGreaterThan 20000
        [System.Text.Encoding]::ASCII.GetString($bytes, 1, 3) | Should -Be 'PNG'
    }
}

Describe 'Export-CopilotSeatReport -PassThru, paths, listing and errors' {
    BeforeEach { Reset-Simulator $Sim }

    It '-PassThru writes the file, resolved from the PowerShell location; without it nothing is written to the pipeline' {
        Push-Location -LiteralPath $Work
        try {
            $file = Export-CopilotSeatReport -Organization octo-lab -Path ./sub/../lab.html -PassThru @Conn
            $none = Export-CopilotSeatReport -Organization octo-lab -Path ./lab-2.html @Conn
        }
        finally { Pop-Location }
        $file | Should -BeOfType System.IO.FileInfo
        $file.FullName | Should -Be (Join-Path $Work 'lab.html')
        $file.Length | Should -BeGreaterThan 5000
        $none | Should -BeNullOrEmpty
        Test-Path -LiteralPath (Join-Path $Work 'lab-2.html') | Should -BeTrue
        Test-Path -LiteralPath (Join-Path ([Environment]::CurrentDirectory) 'lab.html') | Should -BeFalse
    }

    It 'lists <Label> itself, with the figures of Measure-CopilotSeat for it, -InactiveDays and -Price' -ForEach @(
        @{ Label = 'organization octo-org'; Target = @{ Organization = 'octo-org' } }
        @{ Label = 'enterprise octo-ent'; Target = @{ Enterprise = 'octo-ent' } }
    ) {
        $path = Join-Path $Work "$Label.html"
        $streams = Export-CopilotSeatReport @Target -Path $path -InactiveDays 45 -Price $Price @Conn -Verbose 4>&1
        @($streams | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Count | Should -Be 0
        ConvertTo-AllText $streams | Should -Not -Match ([regex]::Escape($CanaryToken))
        @($streams | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 0
        $raw = Get-Content -LiteralPath $path -Raw
        $summary = Measure-CopilotSeat @Target -InactiveDays 45 -Price $Price @Conn
        $figures = Read-Figures $raw
        $figures.Count | Should -Be 7
        foreach ($name in $figures.Keys) { $figures[$name] | Should -Be $summary.$name -Because $name }
        $raw | Should -Match "<p class=`"subtitle`" id=`"target`">$Label</p>"
        if ($Target.Organization) { $raw | Should -Not -Match 'id="by-organization"' }
        $raw | Should -Not -Match 'https?:'
        $raw | Should -Not -Match ([regex]::Escape($CanaryToken))
    }

    It 'takes one number as the price of every plan (-Price 19)' {
        $path = Join-Path $Work 'flat.html'
        Export-CopilotSeatReport -Enterprise octo-ent -Path $path -Price 19 @Conn -WarningVariable warnings -WarningAction SilentlyContinue
        @($warnings).Count | Should -Be 0
        $raw = Get-Content -LiteralPath $path -Raw
        $summary = Measure-CopilotSeat -Enterprise octo-ent -Price 19 @Conn
        $summary.MonthlyCost | Should -Be ($summary.Users * 19)
        $figures = Read-Figures $raw
        foreach ($name in $figures.Keys) { $figures[$name] | Should -Be $summary.$name -Because $name }
        $raw | Should -Match 'id="prices">business 19\.00, enterprise 19\.00 USD'
    }

    It '-NoClobber keeps an existing file, before any request; without it the file is replaced' {
        $path = Join-Path $Work 'kept.html'
        Set-Content -LiteralPath $path -Value 'keep' -NoNewline
        $err = Get-ThrownError { Export-CopilotSeatReport -Path $path -Organization octo-org -NoClobber @Conn }
        Assert-ErrorRecord $err 'CopilotSeats.FileExists' ResourceExists $path
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        Get-Content -LiteralPath $path -Raw | Should -Be 'keep'
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
        Export-CopilotSeatReport -Path $path -Organization octo-lab @Conn -ErrorVariable replaced | Should -BeNullOrEmpty
        @($replaced).Count | Should -Be 0
        Get-Content -LiteralPath $path -Raw | Should -BeLike '<!DOCTYPE html>*'
    }

    It 'a bad price, a folder, another provider''s path or -InactiveDays 0 stops before any request and writes nothing' {
        $dir = (New-Item -ItemType Directory -Path (Join-Path $Work 'refused')).FullName
        $price = Get-ThrownError { Export-CopilotSeatReport -Path (Join-Path $dir 'p.html') -Organization octo-org -Price @{ business = -1 } @Conn }
        Assert-ErrorRecord $price 'CopilotSeats.InvalidPrice' InvalidArgument
        foreach ($bad in $dir, 'Env:/report') {
            $err = Get-ThrownError { Export-CopilotSeatReport -Path $bad -Organization octo-org @Conn }
            Assert-ErrorRecord $err 'CopilotSeats.InvalidPath' InvalidArgument $bad
        }
        (Get-ThrownError { Export-CopilotSeatReport -Path (Join-Path $dir 'd.html') -InactiveDays 0 -Organization octo-org }).FullyQualifiedErrorId |
            Should -BeLike 'ParameterArgumentValidationError*,CopilotSeats.Commands.ExportCopilotSeatReportCommand'
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
        @(Get-ChildItem -LiteralPath $dir).Count | Should -Be 0
    }

    It 'a failed listing writes its error and no file; an empty upstream writes a report of no seats without a request' {
        $failed = Join-Path $Work 'failed.html'
        @(Export-CopilotSeatReport -Path $failed -Organization no-such-org @Conn -ErrorVariable ev -ErrorAction SilentlyContinue).Count | Should -Be 0
        @($ev).Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'CopilotSeats.Http404*'
        Test-Path -LiteralPath $failed | Should -BeFalse
        Clear-SimulatorLog $Sim
        $empty = Join-Path $Work 'empty.html'
        @() | Export-CopilotSeatReport -Path $empty -ErrorVariable ev | Should -BeNullOrEmpty
        @($ev).Count | Should -Be 0
        $figures = Read-Figures (Get-Content -LiteralPath $empty -Raw)
        $figures.Count | Should -Be 7
        foreach ($name in $figures.Keys) { $figures[$name] | Should -Be 0 -Because $name }
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
    }

    It 'reports rows of an exported seat list (Import-Csv) with the figures of the live seats' {
        $seats = @(Get-CopilotSeat -Organization octo-org @Conn)
        $seats | Export-Csv (Join-Path $Work 'seats.csv')
        $seats | Export-CopilotSeatReport -Path (Join-Path $Work 'live.html')
        Import-Csv (Join-Path $Work 'seats.csv') | Export-CopilotSeatReport -Path (Join-Path $Work 'csv.html') -ErrorVariable ev
        @($ev).Count | Should -Be 0
        $live = Read-Figures (Get-Content -LiteralPath (Join-Path $Work 'live.html') -Raw)
        $fromCsv = Read-Figures (Get-Content -LiteralPath (Join-Path $Work 'csv.html') -Raw)
        $live['Seats'] | Should -Be $seats.Count
        foreach ($name in $live.Keys) { $fromCsv[$name] | Should -Be $live[$name] -Because $name }
    }
}

Describe 'Export-CopilotSeatReport -IncludeCredits in Chromium' {
    BeforeAll {
        Reset-Simulator $Sim
        $page = Join-Path $Work 'credits.html'
        Export-CopilotSeatReport -Organization octo-org -Path $page -Price $Price -IncludeCredits -IncludeUsage @Conn
        $script:CreditDom = Invoke-Chromium @('--dump-dom', [System.Uri]::new($page).AbsoluteUri)
        $script:Measured = Measure-CopilotSeat -Organization octo-org -Price $Price -IncludeCredits @Conn
        $headers = @{ Authorization = "Bearer $CanaryToken"; 'User-Agent' = 'pester-report' }
        $script:CreditRaw = Invoke-RestMethod -Uri "$($Sim.Url)/organizations/octo-org/settings/billing/ai_credit/usage" -Headers $headers
    }

    It 'says without -IncludeCredits that savings assume no pooled credits' {
        $Dom | Should -Match 'id="no-pool-note">[^<]*savings assume no pooled credits'
        $CreditDom | Should -Not -Match 'id="no-pool-note"'
    }

    It 'shows the pool figures of Measure-CopilotSeat -IncludeCredits and the honest saving sentence' {
        $shown = @{}
        foreach ($m in [regex]::Matches($CreditDom, 'data-credit="(\w+)" data-value="([^"]*)"')) { $shown[$m.Groups[1].Value] = [decimal]::Parse($m.Groups[2].Value, [cultureinfo]::InvariantCulture) }
        foreach ($name in 'IncludedCredits', 'CreditsUsed', 'OverageUsd', 'ProjectedOverageUsd', 'ReclaimSavingUsd') { $shown[$name] | Should -Be $Measured.$name -Because $name }
        $sentence = [regex]::Match($CreditDom, 'id="reclaim-sentence">Reclaiming ([\d,]+) inactive seats? saves ([\d,.]+) USD a month at the current usage; ([\d,.]+) USD of their price would come back as overage\.')
        $sentence.Success | Should -BeTrue
        ConvertTo-Number $sentence.Groups[1].Value | Should -Be ($Measured.InactiveMonthlyCost / $Price.business)
        (ConvertTo-Number $sentence.Groups[2].Value) + (ConvertTo-Number $sentence.Groups[3].Value) | Should -Be $Measured.InactiveMonthlyCost
        (Read-Bars $CreditDom 'credit-pool').Count | Should -Be 4
    }

    It 'shows credits by model and product from the raw report, and the 10 users with the most credits' {
        $models = @{}
        foreach ($g in $CreditRaw.usageItems | Group-Object model) { $models[$g.Name] = [int][Math]::Round(($g.Group | Measure-Object grossQuantity -Sum).Sum) }
        Assert-Counts (Read-Bars $CreditDom 'credits-by-model') $models 'credits-by-model'
        @((Read-Bars $CreditDom 'credits-by-product').Keys) | Should -Be @($CreditRaw.usageItems.product | Sort-Object -Unique)
        $top = @(Get-CopilotSeat -Organization octo-org -IncludeUsage @Conn | Sort-Object UsageAiCreditsUsed -Descending | Select-Object -First 10 -ExpandProperty Login)
        @((Read-Bars $CreditDom 'credits-by-user').Keys | Sort-Object) | Should -Be @($top | Sort-Object)
    }
}

Describe 'Export-CopilotSeatReport -IncludeCredits without the credit report' {
    It 'says a credit report it could not read could not be read, not to pass the -IncludeCredits already given' {
        Reset-Simulator $Sim
        Set-SimulatorFaults $Sim @{ script = @(@{ pathContains = '/ai_credit/'; status = 404 }) }
        $page = Join-Path $Work 'credits-unread.html'
        Export-CopilotSeatReport -Organization octo-org -Path $page -IncludeCredits @Conn -ErrorVariable ev -ErrorAction SilentlyContinue
        Set-SimulatorFaults $Sim @{}
        @($ev).Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'CopilotSeats.Http404*'
        $html = Get-Content -LiteralPath $page -Raw
        $html | Should -Match 'id="credits-unread-note">Seat prices only: the AI-credit usage report could not be read'
        $html | Should -Not -Match 'id="no-pool-note"|-IncludeCredits shows'
    }
}
