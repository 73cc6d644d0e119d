# Get-CopilotCreditUsage and Measure-CopilotSeat -IncludeCredits against the simulator: the organization and enterprise
# reports with each filter (checked against GitHub's JSON read here), per-user spend piped from Get-CopilotSeat in input
# order, the invalid-period, 403 and 404 messages, and the pool figures recomputed here from the simulator's raw report.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Sim, $script:Conn = Start-TestSession
    $script:Shell = New-ModuleShell
    function Get-RawReport([string] $Path, [string] $Token = 'sim_pester_credits') {
        Invoke-RestMethod -Uri "$($Sim.Url)$Path" -Headers @{ Authorization = "Bearer $Token"; 'User-Agent' = 'pester-credits' }
    }
    function Get-CreditRequests { @(Get-SimulatorRequests $Sim | Where-Object { $_.path -like '*/ai_credit/usage' }) }
}

AfterAll {
    Remove-ModuleShell $Shell
    Stop-TestSimulator $Sim
}

Describe 'Get-CopilotCreditUsage' {
    BeforeEach { Reset-Simulator $Sim }

    It '<Name> gives GitHub''s items, flat, and sends <Query>' -ForEach @(
        @{ Name = 'an organization'; Target = @{ Organization = 'octo-org' }; Filters = @{}; Path = '/organizations/octo-org'; Query = '' }
        @{ Name = 'an enterprise'; Target = @{ Enterprise = 'octo-ent' }; Filters = @{}; Path = '/enterprises/octo-ent'; Query = '' }
        @{ Name = 'a month'; Target = @{ Organization = 'octo-org' }; Filters = @{ Year = 2026; Month = 10 }; Path = '/organizations/octo-org'; Query = 'year=2026&month=10' }
        @{ Name = 'a day'; Target = @{ Enterprise = 'octo-ent' }; Filters = @{ Year = 2026; Month = 11; Day = 3 }; Path = '/enterprises/octo-ent'; Query = 'year=2026&month=11&day=3' }
        @{ Name = 'a model'; Target = @{ Organization = 'octo-org' }; Filters = @{ Model = 'GPT-4.1' }; Path = '/organizations/octo-org'; Query = 'model=GPT-4.1' }
        @{ Name = 'a product'; Target = @{ Enterprise = 'octo-ent' }; Filters = @{ Product = 'copilot' }; Path = '/enterprises/octo-ent'; Query = 'product=copilot' }
        @{ Name = 'an organization of an enterprise'; Target = @{ Enterprise = 'octo-ent' }; Filters = @{ InOrganization = 'octo-lab' }; Path = '/enterprises/octo-ent'; Query = 'organization=octo-lab' }
        @{ Name = 'no cost center'; Target = @{ Enterprise = 'octo-ent' }; Filters = @{ CostCenterId = 'none' }; Path = '/enterprises/octo-ent'; Query = 'cost_center_id=none' }
    ) {
        $items = @(Get-CopilotCreditUsage @Target @Filters @Conn)
        $url = "$Path/settings/billing/ai_credit/usage" + $(if ($Query) { "?$Query" })
        (Get-CreditRequests)[0].query.TrimStart('?') | Should -Be $Query
        $raw = Get-RawReport $url
        $items.Count | Should -Be @($raw.usageItems).Count
        $items.Count | Should -BeGreaterThan 0
        $items[0] | Should -BeOfType CopilotSeats.CopilotCreditUsage
        for ($i = 0; $i -lt $items.Count; $i++) {
            foreach ($field in 'product', 'sku', 'model', 'unitType', 'pricePerUnit', 'grossQuantity', 'grossAmount', 'discountQuantity', 'discountAmount', 'netQuantity', 'netAmount') {
                $items[$i].$field | Should -Be $raw.usageItems[$i].$field -Because $field
            }
            ($items[$i].Year, $items[$i].Month, $items[$i].Day) | Should -Be ($raw.timePeriod.year, $raw.timePeriod.month, $raw.timePeriod.day)
            $items[$i].Organization | Should -Be $raw.organization
            $items[$i].Enterprise | Should -Be $raw.enterprise
        }
        (Get-CopilotCreditUsage @Target @Filters @Conn -Raw | ConvertFrom-Json).usageItems.Count | Should -Be $items.Count
    }

    It 'asks once per seat piped from Get-CopilotSeat and writes the answers in seat order, with progress' {
        Reset-Simulator $Sim @{ seats = 200 }
        $logins = @(Get-CopilotSeat -Organization octo-org @Conn | Select-Object -ExpandProperty Login)
        $logins.Count | Should -Be 200
        Clear-SimulatorLog $Sim
        $items = @(Invoke-InShell 'Get-CopilotSeat -Organization octo-org -ApiUrl $api -Token $tok | Get-CopilotCreditUsage -ApiUrl $api -Token $tok -ThrottleLimit 8')
        $progress = @($Shell.Streams.Progress | Where-Object { $_.Activity -like '*AI-credit usage per user*' -and $_.RecordType -ne 'Completed' })
        $progress[-1].StatusDescription | Should -Be '200 users'
        $asked = @(Get-CreditRequests | ForEach-Object { ($_.query -split '&' | Where-Object { $_ -like 'user=*' }) -replace '^\??user=' })
        @($asked | Sort-Object) | Should -Be @($logins | Sort-Object)
        $written = @($items | Select-Object -ExpandProperty UserName -Unique)
        $written | Should -Be @($logins | Where-Object { $_ -in $written })
        $written.Count | Should -BeGreaterThan 20
    }

    It 'asks the enterprise''s report for ent-user-1 piped as <Source>, with or without an organization in the row' -ForEach @(
        @{ Source = 'Object' }, @{ Source = 'Csv' }, @{ Source = 'Both' }
    ) {
        $row = (Get-EnterpriseSeatRows $Conn)[$Source]
        Clear-SimulatorLog $Sim
        $null = $row | Get-CopilotCreditUsage @Conn
        @(Get-CreditRequests | ForEach-Object { "$($_.path)?$($_.query.TrimStart('?'))" }) | Should -Be '/enterprises/octo-ent/settings/billing/ai_credit/usage?user=ent-user-1'
    }

    It 'asks once per user of an enterprise listing (one seat per grant) and writes each user''s items once' {
        $seats = @(Get-CopilotSeat -Enterprise octo-ent @Conn)
        $users = @($seats.Login | Sort-Object -Unique)
        $users.Count | Should -BeLessThan $seats.Count
        Clear-SimulatorLog $Sim
        $items = @($seats | Get-CopilotCreditUsage -Enterprise octo-ent @Conn)
        @(Get-CreditRequests).Count | Should -Be $users.Count
        @($items | Group-Object UserName, Product, Sku, Model, UnitType | Where-Object Count -gt 1) | Should -BeNullOrEmpty
    }

    It 'writes a 404 for a later user as that user''s error and goes on' {
        $logins = @(Get-CopilotSeat -Organization octo-org @Conn | Select-Object -First 3 -ExpandProperty Login)
        Set-SimulatorFaults $Sim @{ script = @(@{ pathContains = '/ai_credit/'; queryContains = "user=$($logins[1])"; status = 404 }) }
        Clear-SimulatorLog $Sim
        $items = @(Get-CopilotCreditUsage -Organization octo-org -UserName $logins @Conn -ErrorVariable failed -ErrorAction SilentlyContinue)
        @(Get-CreditRequests).Count | Should -Be 3
        @($failed).Count | Should -Be 1
        Assert-ErrorRecord $failed[0] 'CopilotSeats.Http404' 'ObjectNotFound' $logins[1]
        $failed[0].Exception.Message | Should -Match ([regex]::Escape("user $($logins[1])"))
        @($items.UserName | Sort-Object -Unique) | Should -Not -Contain $logins[1]
    }

    It 'keeps one progress bar for the run and writes every request''s verbose line, however slow the upstream' {
        $Shell.Runspace.SessionStateProxy.SetVariable('logins', @(Get-CopilotSeat -Organization octo-org @Conn | Select-Object -First 5 -ExpandProperty Login))
        $null = Invoke-InShell '$logins | ForEach-Object { Start-Sleep -Milliseconds 150; [pscustomobject]@{ Login = $_ } } |
            Get-CopilotCreditUsage -Organization octo-org -ApiUrl $api -Token $tok -ThrottleLimit 1 -Verbose'
        $bar = @($Shell.Streams.Progress | Where-Object Activity -like '*AI-credit usage per user*')
        @($bar | Where-Object RecordType -eq 'Completed').Count | Should -Be 1
        $bar[-1].RecordType | Should -Be 'Completed'
        @($Shell.Streams.Verbose | Where-Object Message -like 'GET *ai_credit/usage?user=* -> 200*').Count | Should -Be 5
    }

    It 'writes nothing for a user without usage, and nothing else goes wrong' {
        @(Get-CopilotCreditUsage -Organization octo-org -UserName no-seat-1 @Conn -ErrorVariable failed).Count | Should -Be 0
        $failed | Should -BeNullOrEmpty
    }

    It 'stops <Why> with CopilotSeats.InvalidPeriod before any request' -ForEach @(
        @{ Why = '-Month 13'; Period = @{ Month = 13 }; Says = 'between 1 and 12' }
        @{ Why = '-Day without -Month'; Period = @{ Day = 3 }; Says = '-Day needs -Month' }
        @{ Why = 'a month older than 24 months'; Period = @{ Year = [DateTime]::UtcNow.AddMonths(-25).Year; Month = [DateTime]::UtcNow.AddMonths(-25).Month }; Says = 'past 24 months' }
    ) {
        Clear-SimulatorLog $Sim
        $err = Get-ThrownError { Get-CopilotCreditUsage -Organization octo-org @Period @Conn }
        Assert-ErrorRecord $err 'CopilotSeats.InvalidPeriod' 'InvalidArgument'
        $err.Exception.Message | Should -Match ([regex]::Escape($Says))
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        Get-CreditRequests | Should -BeNullOrEmpty
    }

    It 'explains a <Status> for <Token> on <On>' -ForEach @(
        @{ Status = 403; Token = 'sim_member_p'; On = 'octo-org'; Target = @{ Organization = 'octo-org' }; Says = 'belong to an organization admin (', 'admin:org', "'Administration' (read)", 'enterprise installation cannot' }
        @{ Status = 403; Token = 'sim_billing_p'; On = 'octo-org'; Target = @{ Organization = 'octo-org' }; Says = 'belong to an organization admin (', 'admin:org' }
        @{ Status = 403; Token = 'sim_member_p'; On = 'octo-ent'; Target = @{ Enterprise = 'octo-ent' }; Says = 'enterprise admin or billing manager', 'manage_billing:enterprise', "'Enterprise billing' (read)", 'not make generally available' }
        @{ Status = 404; Token = 'sim_p'; On = 'no-such-org'; Target = @{ Organization = 'no-such-org' }; Says = 'usage-based billing may not apply', 'Check the name' }
    ) {
        $secure = ConvertTo-SecureString $Token -AsPlainText -Force
        $err = Get-ThrownError { Get-CopilotCreditUsage @Target -ApiUrl $Sim.Url -Token $secure -ErrorAction Stop }
        Assert-ErrorRecord $err "CopilotSeats.Http$Status"
        foreach ($text in $Says) { "$($err.Exception.Message) $($err.ErrorDetails.RecommendedAction)" | Should -Match ([regex]::Escape($text)) }
    }
}

Describe 'Measure-CopilotSeat -IncludeCredits' {
    BeforeAll { Reset-Simulator $Sim }

    # octo-org is all business: each user brings -IncludedCredits (default 1,900) and costs 19 a month.
    It 'adds the pool figures recomputed from the raw report and seats (<Allowance> credits a user)' -ForEach @(
        @{ Allowance = 1900; Extra = @{ IncludeCredits = $true } }
        @{ Allowance = 1; Extra = @{ IncludedCredits = @{ business = 1 } } } # implies -IncludeCredits
    ) {
        Clear-SimulatorLog $Sim
        $s = Measure-CopilotSeat -Organization octo-org @Extra @Conn
        $now = [DateTime]::UtcNow
        @(Get-CreditRequests).Count | Should -Be 1
        $raw = Get-RawReport '/organizations/octo-org/settings/billing/ai_credit/usage'
        $users = @(Get-RawRows '/orgs/octo-org' | ForEach-Object { $_.assignee.login } | Sort-Object -Unique).Count
        $used = ($raw.usageItems | Measure-Object grossQuantity -Sum).Sum
        $net = ($raw.usageItems | Measure-Object netAmount -Sum).Sum
        $days = [DateTime]::DaysInMonth($now.Year, $now.Month)
        $elapsed = [Math]::Max(1.0, ($now - $now.Date.AddDays(1 - $now.Day)).TotalDays)
        $projected = $used * $days / $elapsed
        $covered = ($raw.usageItems | Measure-Object discountQuantity -Sum).Sum
        $pool = if ($net -gt 0) { $covered } else { [Math]::Max($users * $Allowance, $covered) }
        $over = { param($credits, $size) [Math]::Max(0, $credits - $size) * 0.01 }
        $reclaimable = $s.InactiveMonthlyCost / 19 * $Allowance
        # The saving is of the next cycle: users whose seats are all pending cancellation have left the pool by then.
        $next = [Math]::Max(0, $pool - @(Get-RawRows '/orgs/octo-org' | Where-Object pending_cancellation_date).Count * $Allowance)
        $saving = [Math]::Max(0, $s.InactiveMonthlyCost - ((& $over $projected ([Math]::Max(0, $next - $reclaimable))) - (& $over $projected $next)))
        $s.IncludedCredits | Should -Be ($users * $Allowance)
        ($s.CreditsUsed, $s.OverageUsd) | Should -Be ($used, $net)
        $s.ProjectedCredits | Should -BeGreaterThan ($projected * 0.999 - 0.01)
        $s.ProjectedCredits | Should -BeLessThan ($projected * 1.001 + 0.01)
        [double]$s.PoolUtilisation | Should -BeGreaterThan ($projected / $pool * 0.998)
        [double]$s.PoolUtilisation | Should -BeLessThan ($projected / $pool * 1.002)
        [double]$s.ReclaimSavingUsd | Should -BeGreaterThan ($saving - 0.02 - $saving * 0.002)
        [double]$s.ReclaimSavingUsd | Should -BeLessThan ($saving + 0.02 + $saving * 0.002)
        $s.InactiveMonthlyCost | Should -BeGreaterThan 0
    }

    It 'reads the report of the piped seats'' one target, and names the problem when they have several' {
        $listed = Measure-CopilotSeat -Organization octo-org -IncludeCredits @Conn
        Clear-SimulatorLog $Sim
        $seats = @(Get-CopilotSeat -Organization octo-org @Conn)
        $piped = $seats | Measure-CopilotSeat -IncludeCredits @Conn
        (Get-CreditRequests).path | Should -Be '/organizations/octo-org/settings/billing/ai_credit/usage'
        ($piped.IncludedCredits, $piped.CreditsUsed, $piped.OverageUsd) | Should -Be ($listed.IncludedCredits, $listed.CreditsUsed, $listed.OverageUsd)
        $page = Join-Path $TestDrive 'piped.html'
        $seats | Export-CopilotSeatReport $page -IncludeCredits @Conn
        Get-Content $page -Raw | Should -Match 'id="credits"'
        $seats[0].Organization = 'octo-lab'
        $mixed = $seats | Measure-CopilotSeat -IncludeCredits @Conn -ErrorVariable failed -ErrorAction SilentlyContinue
        $mixed.CreditsUsed | Should -BeNullOrEmpty
        Assert-ErrorRecord $failed[0] 'CopilotSeats.CreditsTargetUnknown' 'InvalidArgument'
    }

    It 'keeps the seat figures and writes one error when the report is refused' {
        $secure = ConvertTo-SecureString 'sim_member_m' -AsPlainText -Force
        $s = Measure-CopilotSeat -Organization octo-org -IncludeCredits -ApiUrl $Sim.Url -Token $secure -ErrorVariable failed -ErrorAction SilentlyContinue
        $s.Users | Should -BeGreaterThan 0
        $s.IncludedCredits | Should -BeNullOrEmpty
        Assert-ErrorRecord $failed[0] 'CopilotSeats.Http403'
    }
}
