# The GitHub App examples under examples/ (a GitHub Actions workflow with its script, an Azure Automation
# runbook for an organization or, its variant, an enterprise), run as written against the simulator: only the API URL (GITHUB_API_URL) points at it, and the
# Azure Automation and Az cmdlets the runbook calls are given by the test as the platform would give them.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'AppHelpers.ps1')
    $script:Sim, $null = Start-TestSession
    $script:ClientId = 'Iv23liExamplesApp'
    $script:Key = New-TestAppKey
    $script:Examples = Join-Path $RepoRoot 'examples'
    $script:WorkDir = Join-Path ([System.IO.Path]::GetTempPath()) ('copilotseats-examples-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $WorkDir
    # Resets the simulator with the first seed whose inactive seats include a team-granted one (the seed decides which
    # seats are inactive), and returns that seat.
    function script:Reset-SimulatorWithTeamSeat {
        $token = ConvertTo-TestSecureString sim_examples
        foreach ($seed in @($null) + (1..40)) {
            if ($null -eq $seed) { Reset-Simulator $Sim } else { Reset-Simulator $Sim @{ seed = $seed } }
            $team = Get-CopilotSeat -Organization octo-org -InactiveDays 30 -ApiUrl $Sim.Url -Token $token | Where-Object { $_.AssigningTeam -and -not $_.PendingCancellationDate } | Select-Object -First 1
            if ($team) { return $team }
        }
    }
    $script:EnvNames = 'GH_TOKEN', 'GITHUB_TOKEN', 'GITHUB_API_URL', 'COPILOT_APP_CLIENT_ID', 'COPILOT_APP_PRIVATE_KEY', 'GITHUB_STEP_SUMMARY'
    $script:SavedEnv = @{}
    foreach ($n in $EnvNames) { $SavedEnv[$n] = [Environment]::GetEnvironmentVariable($n) }
}

AfterAll {
    Disconnect-Copilot
    foreach ($n in $EnvNames) { if ($null -eq $SavedEnv[$n]) { Remove-Item "Env:$n" -ErrorAction SilentlyContinue } else { Set-Item "Env:$n" $SavedEnv[$n] } }
    Remove-Item -LiteralPath $WorkDir -Recurse -Force -ErrorAction SilentlyContinue
    Stop-TestSimulator $Sim
}

Describe 'GitHub App examples' {
    BeforeEach {
        Disconnect-Copilot
        foreach ($n in $EnvNames) { Remove-Item "Env:$n" -ErrorAction SilentlyContinue }
        $env:GITHUB_API_URL = $Sim.Url
        Reset-Simulator $Sim
        $null = Register-SimulatorApp $Sim -ClientId $ClientId -PublicKey $Key.PublicKey -Installations @(@{ organization = 'octo-org'; id = 101; permissions = @{ organization_copilot_seat_management = 'write'; organization_copilot_metrics = 'read' } })
    }
    AfterEach { Disconnect-Copilot }

    It 'the GitHub Actions workflow runs its script weekly with the App key from a secret, never GITHUB_TOKEN' {
        $yml = Get-Content -LiteralPath (Join-Path $Examples 'github-actions/copilot-reclaim.yml') -Raw
        $yml | Should -Match "schedule:\s+- cron: '[^']+'"
        $yml | Should -Match 'COPILOT_APP_PRIVATE_KEY: \$\{\{ secrets\.COPILOT_APP_PRIVATE_KEY \}\}'
        $yml | Should -Match 'run: \./examples/github-actions/Reclaim-Seats\.ps1 -Organization \$env:COPILOT_ORG'
        $yml | Should -Not -Match 'secrets\.GITHUB_TOKEN'
        $yml | Should -Match 'permissions:\s+contents: read'
        $yml | Should -Match '- name: Keep the report\s+if: always\(\)' -Because 'the script fails the job after writing the report'
    }

    It 'the Actions script reports the inactive seats and only dry-runs their cancellation' {
        $env:COPILOT_APP_CLIENT_ID = $ClientId
        $env:COPILOT_APP_PRIVATE_KEY = $Key.Pkcs1
        $env:GITHUB_STEP_SUMMARY = Join-Path $WorkDir 'summary.md'
        $report = Join-Path $WorkDir 'inactive.csv'
        $out = & (Join-Path $Examples 'github-actions/Reclaim-Seats.ps1') -Organization octo-org -InactiveDays 30 -ReportPath $report 6>&1 | Out-String
        $env:COPILOT_APP_PRIVATE_KEY | Should -BeNullOrEmpty -Because 'the script takes the key out of the environment'
        $out | Should -Match 'Signed in as GitHub App Iv23liExamplesApp, installation 101'
        $rows = @(Import-Csv -LiteralPath $report)
        $rows.Count | Should -BeGreaterThan 0
        $expected = @(Get-CopilotSeat -Organization octo-org -InactiveDays 30 -ApiUrl $Sim.Url -Token (ConvertTo-SecureString sim_examples -AsPlainText -Force))
        $rows.Count | Should -Be $expected.Count
        @(Get-SimulatorRequests $Sim -Method DELETE).Count | Should -Be 0
        @(Get-SimulatorRequests $Sim -Method POST | Where-Object path -like '*/access_tokens').Count | Should -Be 1
        (Get-Content -LiteralPath $env:GITHUB_STEP_SUMMARY -Raw) | Should -Match "inactive for 30 days: $($rows.Count) \(dry run\)"
        foreach ($line in Get-PemBodyLines $Key.Pkcs1) { $out.Contains($line) | Should -BeFalse }
    }

    It 'the Actions script''s enterprise variant reports the enterprise''s inactive users once each, through the enterprise installation' {
        $null = Register-SimulatorApp $Sim -ClientId $ClientId -PublicKey $Key.PublicKey -Installations @(@{ enterprise = 'octo-ent'; id = 102 })
        $env:COPILOT_APP_CLIENT_ID = $ClientId
        $env:COPILOT_APP_PRIVATE_KEY = $Key.Pkcs1
        $report = Join-Path $WorkDir 'inactive-ent.csv'
        $out = & (Join-Path $Examples 'github-actions/Reclaim-Seats.ps1') -Enterprise octo-ent -InactiveDays 30 -ReportPath $report 6>&1 | Out-String
        $out | Should -Match 'installation 102 \(enterprise octo-ent\)'
        $rows = @(Import-Csv -LiteralPath $report)
        $expected = @(Get-CopilotSeat -Enterprise octo-ent -InactiveDays 30 -ApiUrl $Sim.Url -Token (ConvertTo-SecureString sim_examples -AsPlainText -Force) | Sort-Object Login -Unique)
        $rows.Count | Should -BeGreaterThan 0
        @($rows.Login) | Should -Be @($expected.Login)
        $requests = @(Get-SimulatorRequests $Sim)
        $requests | Where-Object path -like '/orgs/*' | Should -BeNullOrEmpty -Because 'an enterprise installation reaches no organization'
        @($requests | Where-Object method -eq DELETE).Count | Should -Be 0
    }

    It 'the Azure Automation runbook reads the key from an Automation credential; dry run, then -Apply' {
        # What Automation gives: the credential's user name is the client ID, its password the PEM (here on one line).
        $credentialUser = $ClientId
        $pemOnOneLine = $Key.Pkcs1 -replace "`r?`n", ' '
        function Get-AutomationPSCredential([string] $Name) {
            $Name | Should -Be 'CopilotSeatsApp'
            New-Object System.Management.Automation.PSCredential ($credentialUser, (ConvertTo-TestSecureString $pemOnOneLine))
        }
        $runbook = Join-Path $Examples 'azure-automation/Reclaim-CopilotSeats.Runbook.ps1'
        $dry = & $runbook -Organization octo-org -InactiveDays 30 | Out-String
        $dry | Should -Match 'Dry run: nothing was cancelled'
        @(Get-SimulatorRequests $Sim -Method DELETE).Count | Should -Be 0

        $applied = & $runbook -Organization octo-org -InactiveDays 30 -Exclude 'user-00*' -Apply | Out-String
        $applied | Should -Match 'Cancelled: \d+ seats'
        $deletes = @(Get-SimulatorRequests $Sim -Method DELETE)
        $deletes.Count | Should -BeGreaterThan 0
        $sent = @($deletes | ForEach-Object { (Get-RequestBody $_).selected_usernames })
        $sent | Where-Object { $_ -like 'user-00*' } | Should -BeNullOrEmpty
    }

    It 'the runbook''s enterprise variant signs in with the enterprise installation and cancels enterprise seats only' {
        $null = Register-SimulatorApp $Sim -ClientId $ClientId -PublicKey $Key.PublicKey -Installations @(@{ enterprise = 'octo-ent'; id = 102 })
        $credentialUser = $ClientId
        function Get-AutomationPSCredential([string] $Name) {
            New-Object System.Management.Automation.PSCredential ($credentialUser, (ConvertTo-TestSecureString $Key.Pkcs1))
        }
        $runbook = Join-Path $Examples 'azure-automation/Reclaim-CopilotSeats.Runbook.ps1'
        $dry = & $runbook -Enterprise octo-ent -InactiveDays 30 | Out-String
        $dry | Should -Match 'installation 102 \(enterprise octo-ent\)'
        $dry | Should -Match 'Dry run: nothing was cancelled'
        @(Get-SimulatorRequests $Sim -Method DELETE).Count | Should -Be 0

        $applied = & $runbook -Enterprise octo-ent -InactiveDays 30 -Apply | Out-String
        $applied | Should -Match 'Cancelled: \d+ seats' # the seeded seats are organizations' and enterprise teams' grants, which the enterprise cancel leaves
        $requests = @(Get-SimulatorRequests $Sim)
        $requests | Where-Object path -like '/orgs/*' | Should -BeNullOrEmpty -Because 'an enterprise installation reaches no organization'
        $deletes = @($requests | Where-Object method -eq DELETE)
        $deletes.path | Sort-Object -Unique | Should -Be '/enterprises/octo-ent/copilot/billing/selected_users'
        # Test-CopilotConnection's AI-credit and budget checks are refused to an App without 'Enterprise billing': data, not a failure.
        @($requests | Where-Object { $_.status -ge 400 -and $_.path -notlike '*/settings/billing/*' }).Count | Should -Be 0
    }

    It '<Name> -Apply prints its run and journal, and fails the job when GitHub refuses a read-only App' -ForEach @(
        @{ Name = 'the runbook'; Script = 'azure-automation/Reclaim-CopilotSeats.Runbook.ps1'; Report = $false }
        @{ Name = 'the Actions script'; Script = 'github-actions/Reclaim-Seats.ps1'; Report = $true }
    ) {
        $Extra = if ($Report) { @{ ReportPath = Join-Path $WorkDir 'apply.csv' } } else { @{} }
        $credentialUser = $ClientId
        function Get-AutomationPSCredential([string] $Name) { New-Object System.Management.Automation.PSCredential ($credentialUser, (ConvertTo-TestSecureString $Key.Pkcs1)) }
        $journal = Join-Path $WorkDir "journal-$([guid]::NewGuid()).jsonl"
        $env:COPILOT_APP_CLIENT_ID = $ClientId
        $env:COPILOT_APP_PRIVATE_KEY = $Key.Pkcs1
        $applied = & (Join-Path $Examples $Script) -Organization octo-org -InactiveDays 30 -JournalPath $journal -Apply @Extra | Out-String
        $runId = [regex]::Match($applied, "Run ([0-9a-f-]{36}) is recorded in the journal at $([regex]::Escape($journal))").Groups[1].Value
        @(Get-CopilotSeatJournal -Path $journal -RunId $runId).Count | Should -BeGreaterThan 0

        Reset-Simulator $Sim
        $null = Register-SimulatorApp $Sim -ClientId $ClientId -PublicKey $Key.PublicKey -Installations @(@{ organization = 'octo-org'; id = 101; permissions = @{ organization_copilot_seat_management = 'read' } })
        $env:COPILOT_APP_PRIVATE_KEY = $Key.Pkcs1
        try { $null = & (Join-Path $Examples $Script) -Organization octo-org -InactiveDays 30 -JournalPath $journal -Apply @Extra -OutVariable refused } catch { $err = $_ }
        $err.Exception.Message | Should -Match '^GitHub refused the App \(403\)'
        ($refused | Out-String) | Should -Match 'Cancelled: 0 seats\.'

        # A 401 ends Remove-CopilotUser itself (a terminating error): the report and the job's failure still come.
        Reset-Simulator $Sim
        $null = Register-SimulatorApp $Sim -ClientId $ClientId -PublicKey $Key.PublicKey -Installations @(@{ organization = 'octo-org'; id = 101; permissions = @{ organization_copilot_seat_management = 'write' } })
        Set-SimulatorFaults $Sim @{ script = @(@{ method = 'DELETE'; pathContains = 'selected_users'; status = 401; times = 5 }) }
        $env:COPILOT_APP_PRIVATE_KEY = $Key.Pkcs1
        $err = $null
        try { $null = & (Join-Path $Examples $Script) -Organization octo-org -InactiveDays 30 -JournalPath $journal -Apply @Extra -OutVariable unauthorized } catch { $err = $_ }
        $err.Exception.Message | Should -Match '^GitHub refused the App \(401\)'
        ($unauthorized | Out-String) | Should -Match 'Cancelled: 0 seats\.'
        # -ErrorVariable also holds the exception that ended the command: no blank line for it.
        ($unauthorized | Out-String) | Should -Not -Match '(?m)^Not cancelled: :'
    }

    # The DELETE's 401 makes the module renew the installation token; GitHub refuses the renewal (403: AppAuthFailed,
    # 404: AppNotInstalled) or fails it (500). Only the renewal's error reaches the script. The faults start once the
    # script has signed in (its own Test-CopilotConnection call), so that the sign-in's token request succeeds.
    It '<Name> -Apply fails the job, after its report, when the token renewal after a 401 is answered <Status>' -ForEach @(
        @{ Name = 'the runbook'; Script = 'azure-automation/Reclaim-CopilotSeats.Runbook.ps1'; Report = $false; Status = 403; Thrown = '^The App lost its sign-in \(CopilotSeats\.AppAuthFailed\): GitHub refused the GitHub App''s sign-in \(403' }
        @{ Name = 'the Actions script'; Script = 'github-actions/Reclaim-Seats.ps1'; Report = $true; Status = 403; Thrown = '^The App lost its sign-in \(CopilotSeats\.AppAuthFailed\): GitHub refused the GitHub App''s sign-in \(403' }
        @{ Name = 'the runbook'; Script = 'azure-automation/Reclaim-CopilotSeats.Runbook.ps1'; Report = $false; Status = 404; Thrown = '^The App lost its sign-in \(CopilotSeats\.AppNotInstalled\)' }
        @{ Name = 'the Actions script'; Script = 'github-actions/Reclaim-Seats.ps1'; Report = $true; Status = 404; Thrown = '^The App lost its sign-in \(CopilotSeats\.AppNotInstalled\)' }
        @{ Name = 'the runbook'; Script = 'azure-automation/Reclaim-CopilotSeats.Runbook.ps1'; Report = $false; Status = 500; Thrown = '^1 error besides the expected refusals of single seats; the first, CopilotSeats\.Http500 for octo-org: GitHub answered 500 .*to POST /app/installations/101/access_tokens' }
        @{ Name = 'the Actions script'; Script = 'github-actions/Reclaim-Seats.ps1'; Report = $true; Status = 500; Thrown = '^1 error besides the expected refusals of single seats; the first, CopilotSeats\.Http500 for octo-org: GitHub answered 500 .*to POST /app/installations/101/access_tokens' }
    ) {
        $Extra = if ($Report) { @{ ReportPath = Join-Path $WorkDir 'renewal.csv' } } else { @{} }
        $credentialUser = $ClientId
        function Get-AutomationPSCredential([string] $Name) { New-Object System.Management.Automation.PSCredential ($credentialUser, (ConvertTo-TestSecureString $Key.Pkcs1)) }
        $faults = @{ script = @(
                @{ method = 'DELETE'; pathContains = 'selected_users'; status = 401; times = 5 }
                @{ method = 'POST'; pathContains = 'access_tokens'; status = $Status; times = 20 }) }
        function Test-CopilotConnection { CopilotSeats\Test-CopilotConnection @args; Set-SimulatorFaults $Sim $faults }
        $journal = Join-Path $WorkDir "journal-$([guid]::NewGuid()).jsonl"
        $env:COPILOT_APP_CLIENT_ID = $ClientId
        $env:COPILOT_APP_PRIVATE_KEY = $Key.Pkcs1
        $err = $null
        try { $null = & (Join-Path $Examples $Script) -Organization octo-org -InactiveDays 30 -JournalPath $journal -Apply @Extra -OutVariable out } catch { $err = $_ }
        @(Get-SimulatorRequests $Sim -Method POST | Where-Object { $_.path -like '*/access_tokens' -and $_.status -eq $Status }).Count | Should -BeGreaterThan 0
        $text = $out | Out-String
        $text | Should -Match 'Cancelled: 0 seats\.'
        $text | Should -Match 'Not cancelled: octo-org: '
        $text | Should -Not -Match 'Outcome unknown' -Because 'the refused DELETE was not applied, and the renewal sent no change'
        $runId = @(Get-CopilotSeatJournal -Path $journal)[0].RunId
        $text | Should -Match "Run $runId is recorded in the journal at $([regex]::Escape($journal)); it cancelled nothing"
        $text | Should -Not -Match 'puts the seats back' -Because 'nothing was cancelled'
        $err | Should -Not -BeNullOrEmpty -Because 'GitHub refused the App, or its token could not be renewed: nothing was cancelled'
        $err.Exception.Message | Should -Match $Thrown
    }

    It '<Name> -Apply names its own run, not another organization''s run in a shared journal' -ForEach @(
        @{ Name = 'the runbook'; Script = 'azure-automation/Reclaim-CopilotSeats.Runbook.ps1'; Report = $false }
        @{ Name = 'the Actions script'; Script = 'github-actions/Reclaim-Seats.ps1'; Report = $true }
    ) {
        # Another job's run, of octo-lab, written to the same journal while this one runs: just before the script reads it.
        $shared = Join-Path $WorkDir "journal-$([guid]::NewGuid()).jsonl"
        $otherJob = @{ RunId = $null }
        function Get-CopilotSeatJournal {
            if (-not $otherJob.RunId) {
                # Its cancel is refused too (the scripted 401s): a refused run is a run of the journal all the same.
                try { $null = Remove-CopilotUser -Organization octo-lab -UserName user-0001 -ApiUrl $Sim.Url -Token (ConvertTo-TestSecureString sim_examples) -JournalPath $shared -Force -ErrorAction SilentlyContinue } catch { $null = $_ }
                $otherJob.RunId = @(CopilotSeats\Get-CopilotSeatJournal -Path $shared)[0].RunId
            }
            CopilotSeats\Get-CopilotSeatJournal @args
        }
        $Extra = if ($Report) { @{ ReportPath = Join-Path $WorkDir 'shared.csv' } } else { @{} }
        $credentialUser = $ClientId
        function Get-AutomationPSCredential([string] $Name) { New-Object System.Management.Automation.PSCredential ($credentialUser, (ConvertTo-TestSecureString $Key.Pkcs1)) }
        $env:COPILOT_APP_CLIENT_ID = $ClientId
        $env:COPILOT_APP_PRIVATE_KEY = $Key.Pkcs1
        Set-SimulatorFaults $Sim @{ script = @(@{ method = 'DELETE'; pathContains = 'selected_users'; status = 401; times = 5 }) }
        $err = $null
        try { $null = & (Join-Path $Examples $Script) -Organization octo-org -InactiveDays 30 -JournalPath $shared -Apply @Extra -OutVariable out } catch { $err = $_ }
        $err.Exception.Message | Should -Match '^GitHub refused the App \(401\)'
        $otherJob.RunId | Should -Not -BeNullOrEmpty
        $ownRun = @(CopilotSeats\Get-CopilotSeatJournal -Path $shared | Where-Object Organization -eq 'octo-org')[0].RunId
        $ownRun | Should -Not -BeNullOrEmpty
        $ownRun | Should -Not -Be $otherJob.RunId
        $text = $out | Out-String
        $text | Should -Match "Run $ownRun is recorded in the journal at $([regex]::Escape($shared))"
        $text | Should -Not -Match $otherJob.RunId
    }

    # A 502 (ResourceUnavailable) and a connection dropped after GitHub applied the cancel (ConnectionError): both journaled Unknown.
    It '<Name> -Apply reports everything, then fails the job when every cancel <Case> (outcome unknown)' -ForEach @(
        @{ Name = 'the runbook'; Script = 'azure-automation/Reclaim-CopilotSeats.Runbook.ps1'; Report = $false; Case = 'is answered 502'; Fault = @{ status = 502 }; Line = 'GitHub answered 502' }
        @{ Name = 'the Actions script'; Script = 'github-actions/Reclaim-Seats.ps1'; Report = $true; Case = 'is answered 502'; Fault = @{ status = 502 }; Line = 'GitHub answered 502' }
        @{ Name = 'the runbook'; Script = 'azure-automation/Reclaim-CopilotSeats.Runbook.ps1'; Report = $false; Case = 'loses its connection'; Fault = @{ status = 0; afterApplied = $true }; Line = 'DELETE \S+ connection failed' }
        @{ Name = 'the Actions script'; Script = 'github-actions/Reclaim-Seats.ps1'; Report = $true; Case = 'loses its connection'; Fault = @{ status = 0; afterApplied = $true }; Line = 'DELETE \S+ connection failed' }
    ) {
        $Extra = if ($Report) { @{ ReportPath = Join-Path $WorkDir 'unknown.csv' } } else { @{} }
        $credentialUser = $ClientId
        function Get-AutomationPSCredential([string] $Name) { New-Object System.Management.Automation.PSCredential ($credentialUser, (ConvertTo-TestSecureString $Key.Pkcs1)) }
        $journal = Join-Path $WorkDir "journal-$([guid]::NewGuid()).jsonl"
        $env:COPILOT_APP_CLIENT_ID = $ClientId
        $env:COPILOT_APP_PRIVATE_KEY = $Key.Pkcs1
        $env:GITHUB_STEP_SUMMARY = Join-Path $WorkDir "summary-$([guid]::NewGuid()).md"
        # Every attempt faulted; the scripts' Remove-CopilotUser without retries (the module's retries are tested on their own,
        # and five attempts with their backoff cost seconds a run).
        Set-SimulatorFaults $Sim @{ script = @(@{ method = 'DELETE'; pathContains = 'selected_users'; times = 20 } + $Fault) }
        $err = $null
        $PSDefaultParameterValues['Remove-CopilotUser:MaxRetries'] = 0
        try { $null = & (Join-Path $Examples $Script) -Organization octo-org -InactiveDays 30 -JournalPath $journal -Apply @Extra -OutVariable out } catch { $err = $_ }
        finally { $PSDefaultParameterValues.Remove('Remove-CopilotUser:MaxRetries') }
        @(Get-SimulatorRequests $Sim -Method DELETE | Where-Object status -eq $Fault.status).Count | Should -Be 1
        $unknown = @(Get-CopilotSeatJournal -Path $journal | Where-Object Outcome -eq 'Unknown')
        $unknown.Count | Should -BeGreaterThan 0
        $runId = $unknown[0].RunId
        $text = $out | Out-String
        $text | Should -Match 'Cancelled: 0 seats\.'
        $text | Should -Match "Run $runId is recorded in the journal at $([regex]::Escape($journal))"
        $text | Should -Match "Outcome unknown: octo-org: $Line"
        $text | Should -Not -Match 'Not (sent|cancelled): octo-org' -Because 'GitHub may have applied them'
        $err | Should -Not -BeNullOrEmpty -Because 'a change of unknown outcome fails the job'
        $err.Exception.Message | Should -Match "^Outcome unknown for $($unknown.Count) seat cancellations \(GitHub answered 5xx, or no answer came\)"
        $err.Exception.Message | Should -Match "Get-CopilotSeatJournal -Path $([regex]::Escape($journal)) -RunId $runId shows each"
        if ($Report) { Get-Content -LiteralPath $env:GITHUB_STEP_SUMMARY -Raw | Should -Match "\(0 cancelled, outcome unknown for $($unknown.Count) seat cancellations\)" }
    }

    It 'the runbook -Apply counts one cancellation of unknown outcome as "1 seat cancellation"' {
        $token = ConvertTo-TestSecureString sim_examples
        $inactive = @(Get-CopilotSeat -Organization octo-org -InactiveDays 30 -ApiUrl $Sim.Url -Token $token | Where-Object { -not $_.AssigningTeam -and -not $_.PendingCancellationDate })
        $inactive.Count | Should -BeGreaterThan 1
        $others = @($inactive | Select-Object -Skip 1 -ExpandProperty Login)
        $credentialUser = $ClientId
        function Get-AutomationPSCredential([string] $Name) { New-Object System.Management.Automation.PSCredential ($credentialUser, (ConvertTo-TestSecureString $Key.Pkcs1)) }
        $journal = Join-Path $WorkDir "journal-$([guid]::NewGuid()).jsonl"
        Set-SimulatorFaults $Sim @{ script = @(@{ method = 'DELETE'; pathContains = 'selected_users'; status = 502; times = 20 }) }
        $err = $null
        $PSDefaultParameterValues['Remove-CopilotUser:MaxRetries'] = 0 # as above: no retries, no backoff
        try { $null = & (Join-Path $Examples 'azure-automation/Reclaim-CopilotSeats.Runbook.ps1') -Organization octo-org -InactiveDays 30 -Exclude $others -JournalPath $journal -Apply -OutVariable out 3>$null } catch { $err = $_ }
        finally { $PSDefaultParameterValues.Remove('Remove-CopilotUser:MaxRetries') }
        @(Get-CopilotSeatJournal -Path $journal | Where-Object Outcome -eq 'Unknown').Count | Should -Be 1
        ($out | Out-String) | Should -Match 'Cancelled: 0 seats\.'
        $err.Exception.Message | Should -Match '^Outcome unknown for 1 seat cancellation \('
    }

    It '<Name> -Apply succeeds with a team-granted seat among the inactive ones, and names the command that cancels it' -ForEach @(
        @{ Name = 'the runbook'; Script = 'azure-automation/Reclaim-CopilotSeats.Runbook.ps1'; Report = $false }
        @{ Name = 'the Actions script'; Script = 'github-actions/Reclaim-Seats.ps1'; Report = $true }
    ) {
        $team = Reset-SimulatorWithTeamSeat
        $team | Should -Not -BeNullOrEmpty
        $null = Register-SimulatorApp $Sim -ClientId $ClientId -PublicKey $Key.PublicKey -Installations @(@{ organization = 'octo-org'; id = 101; permissions = @{ organization_copilot_seat_management = 'write' } })
        $Extra = if ($Report) { @{ ReportPath = Join-Path $WorkDir 'team.csv' } } else { @{} }
        $credentialUser = $ClientId
        function Get-AutomationPSCredential([string] $Name) { New-Object System.Management.Automation.PSCredential ($credentialUser, (ConvertTo-TestSecureString $Key.Pkcs1)) }
        $env:COPILOT_APP_CLIENT_ID = $ClientId
        $env:COPILOT_APP_PRIVATE_KEY = $Key.Pkcs1
        $journal = Join-Path $WorkDir "journal-$([guid]::NewGuid()).jsonl"
        $out = & (Join-Path $Examples $Script) -Organization octo-org -InactiveDays 30 -JournalPath $journal -Apply @Extra | Out-String
        $out | Should -Match 'Cancelled: [1-9]\d* seats\.'
        $out | Should -Match "Not cancelled: $([regex]::Escape($team.Login)): .*Remove-CopilotTeam -Organization octo-org -TeamName $([regex]::Escape($team.AssigningTeam))"
        $out | Should -Not -Match 'Outcome unknown'
    }

    It '<Name> -Apply keeps the team-granted seat''s line in its report when a 401 then ends Remove-CopilotUser' -ForEach @(
        @{ Name = 'the runbook'; Script = 'azure-automation/Reclaim-CopilotSeats.Runbook.ps1'; Report = $false }
        @{ Name = 'the Actions script'; Script = 'github-actions/Reclaim-Seats.ps1'; Report = $true }
    ) {
        $team = Reset-SimulatorWithTeamSeat
        $team | Should -Not -BeNullOrEmpty
        $null = Register-SimulatorApp $Sim -ClientId $ClientId -PublicKey $Key.PublicKey -Installations @(@{ organization = 'octo-org'; id = 101; permissions = @{ organization_copilot_seat_management = 'write' } })
        Set-SimulatorFaults $Sim @{ script = @(@{ method = 'DELETE'; pathContains = 'selected_users'; status = 401; times = 5 }) }
        $Extra = if ($Report) { @{ ReportPath = Join-Path $WorkDir 'team401.csv' } } else { @{} }
        $credentialUser = $ClientId
        function Get-AutomationPSCredential([string] $Name) { New-Object System.Management.Automation.PSCredential ($credentialUser, (ConvertTo-TestSecureString $Key.Pkcs1)) }
        $env:COPILOT_APP_CLIENT_ID = $ClientId
        $env:COPILOT_APP_PRIVATE_KEY = $Key.Pkcs1
        $journal = Join-Path $WorkDir "journal-$([guid]::NewGuid()).jsonl"
        $err = $null
        try { $null = & (Join-Path $Examples $Script) -Organization octo-org -InactiveDays 30 -JournalPath $journal -Apply @Extra -OutVariable out } catch { $err = $_ }
        $err.Exception.Message | Should -Match '^GitHub refused the App \(401\)'
        $text = $out | Out-String
        $text | Should -Match "Not cancelled: $([regex]::Escape($team.Login)): .*Remove-CopilotTeam -Organization octo-org -TeamName $([regex]::Escape($team.AssigningTeam))" -Because 'the errors written before the terminating 401 stay in the report'
        $text | Should -Match 'Not cancelled: octo-org: '
    }

    It 'the runbook reads the key from a Key Vault secret with the managed identity' {
        $azCalls = [System.Collections.Generic.List[string]]::new()
        function Connect-AzAccount([switch] $Identity) { $azCalls.Add("Connect-AzAccount -Identity:$Identity") }
        function Get-AzKeyVaultSecret([string] $VaultName, [string] $Name) {
            $azCalls.Add("Get-AzKeyVaultSecret $VaultName $Name")
            [pscustomobject]@{ SecretValue = (ConvertTo-TestSecureString $Key.Pkcs8) }
        }
        $out = & (Join-Path $Examples 'azure-automation/Reclaim-CopilotSeats.Runbook.ps1') -Organization octo-org -ClientId $ClientId -KeyVaultName kv-copilot -InstallationId 101 | Out-String
        @($azCalls) | Should -Be @('Connect-AzAccount -Identity:True', 'Get-AzKeyVaultSecret kv-copilot copilotseats-app-key')
        $out | Should -Match 'installation 101'
        @(Get-SimulatorRequests $Sim | Where-Object path -like '*/installation').Count | Should -Be 0
        @(Get-SimulatorRequests $Sim -Method DELETE).Count | Should -Be 0
    }
}

# examples/Demo.ps1 (build.ps1 -Task Demo) run as a new user runs it, in a child PowerShell whose console is 80
# columns wide: it shows the module's own views (no hand-picked Format-Table columns), the summary and the report
# file, and no date is cut.
Describe 'The demo at 80 columns' {
    BeforeAll {
        $demo = Invoke-ChildProcess dotnet 'pwsh', '-NoProfile', '-NonInteractive', '-File', (Join-Path $RepoRoot 'examples/Demo.ps1') $RepoRoot @{ COLUMNS = '80'; NO_COLOR = '1' }
        $script:DemoExit = $demo.ExitCode
        $script:DemoText = $demo.Output -replace "`e\[[0-9;]*m", ''
        $script:DemoLines = @($DemoText -split '\r?\n' | ForEach-Object { $_.TrimEnd() })
    }

    It 'runs to the end' {
        $DemoExit | Should -Be 0 -Because $DemoText
        $DemoLines | Should -Contain 'Simulator stopped.'
    }

    It 'shows seats with the seat view: whole yyyy-MM-dd dates, nothing wider than 80 columns' {
        $DemoLines | Should -Contain 'Login                AssigningTeam        LastActive Ago CancelsOn  Editor'
        $DemoText | Should -Not -Match 'Format-Table'
        $DemoText | Should -Not -Match '\d[…]|\d\.\.\.' -Because 'no date (or number) is cut'
        $rows = @($DemoLines | Where-Object { $_ -match '^\S+ +(\S+ +)?\d{4}-\d\d-\d\d +\d+' })
        $rows.Count | Should -BeGreaterThan 0
        $DemoLines | Where-Object { $_ -match '^no-seat-1 ' } | Select-Object -Last 1 | Should -Match ' \d+ \d{4}-\d\d-\d\d$' -Because 'CancelsOn is shown whole'
        $tables = @($DemoLines | Where-Object { $_ -match '^-+( +-+)+$' })
        $tables.Count | Should -BeGreaterThan 3
        foreach ($line in $tables) { $line.Length | Should -BeLessOrEqual 80 }
    }

    It 'shows the summary (Measure-CopilotSeat) and writes the report (Export-CopilotSeatReport)' {
        $DemoLines | Should -Contain 'Name                  Seats  Users Active Inactive Pending       Cost  IdleCost'
        $DemoLines | Where-Object { $_ -match '^octo-org +120 +120 ' } | Should -Not -BeNullOrEmpty
        $wrote = $DemoLines | Where-Object { $_ -match '^Wrote (.+\.html) \(\d+ bytes\)' } | Select-Object -First 1
        $wrote | Should -Not -BeNullOrEmpty
        $path = [regex]::Match($wrote, '^Wrote (.+\.html) \(').Groups[1].Value
        $path | Should -Exist
        Get-Content -LiteralPath $path -Raw | Should -BeLike '<!DOCTYPE html>*'
    }
}
