# GitHub App sign-in (Connect-Copilot -ClientId ...), installation token renewal, the App error ids, and
# Test-CopilotConnection for each kind of token, against the simulator.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'AppHelpers.ps1')
    $script:Sim, $script:Conn = Start-TestSession
    $script:ClientId = 'Iv23liPesterApp'
    $script:Key = New-TestAppKey
    $script:KeyDir = Join-Path ([System.IO.Path]::GetTempPath()) ('copilotseats-app-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $KeyDir
    $script:KeyFile = Join-Path $KeyDir 'app.pem'
    Set-Content -LiteralPath $KeyFile -Value $Key.Pkcs1 -NoNewline
    Clear-TokenEnvironment

    function Start-AppTest {
        param([int] $Lifetime = 3600)
        Disconnect-Copilot
        Reset-Simulator $Sim
        $null = Register-SimulatorApp $Sim -ClientId $ClientId -PublicKey $Key.PublicKey -TokenLifetimeSeconds $Lifetime
    }
}

AfterAll {
    Disconnect-Copilot
    Restore-TokenEnvironment
    Remove-Item -LiteralPath $KeyDir -Recurse -Force -ErrorAction SilentlyContinue
    Stop-TestSimulator $Sim
}

Describe 'Connect-Copilot as a GitHub App' {
    BeforeEach { Start-AppTest }
    AfterEach { Disconnect-Copilot }

    It 'signs in from a PKCS#1 key file, then lists and changes seats on the installation token' {
        $c = Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKeyPath $KeyFile -Organization octo-org
        $c.TokenSource | Should -Be 'GitHubApp'
        $c.AppClientId | Should -Be $ClientId
        $c.InstallationId | Should -Be 101
        $c.TokenExpiresAt | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddMinutes(55))
        $paths = @(Get-SimulatorRequests $Sim | ForEach-Object { "$($_.method) $($_.path)" })
        $paths | Should -Be @('GET /orgs/octo-org/installation', 'POST /app/installations/101/access_tokens')

        @(Get-CopilotSeat).Count | Should -Be 120
        $change = Add-CopilotUser -UserName no-seat-1
        $change.SeatsChanged | Should -Be 1
        (Get-CopilotSeat -UserName no-seat-1).Login | Should -Be 'no-seat-1'
        @(Get-SimulatorRequests $Sim -Method POST | Where-Object path -like '*/access_tokens').Count | Should -Be 1
    }

    It 'signs in with -PrivateKey (PKCS#8 PEM in a SecureString) and -InstallationId, without a lookup' {
        $c = Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKey (ConvertTo-TestSecureString $Key.Pkcs8) -InstallationId 101 -Organization octo-org
        $c.InstallationId | Should -Be 101
        @(Get-SimulatorRequests $Sim | Where-Object path -like '*/installation').Count | Should -Be 0
        (Get-CopilotOrgDetail).Organization | Should -Be 'octo-org'
    }


    It 'renews a short-lived token: a 24-page listing writes every seat once, and a revoked token is renewed after its 401' {
        Start-AppTest -Lifetime 2
        $null = Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKeyPath $KeyFile -Organization octo-org
        # Slow pages, so that the listing (at least 13 rounds of 400 ms) outlives the 2-second token several times over
        # whatever the machine's load (the token is renewed at half its lifetime, not on every request).
        Set-SimulatorFaults $Sim @{ latencyMs = 400 }
        try { $seats = @(Get-CopilotSeat -PageSize 5 -ThrottleLimit 2) } finally { Set-SimulatorFaults $Sim @{} }
        $seats.Count | Should -Be 120
        @($seats.Login | Sort-Object -Unique).Count | Should -Be 120
        @(Get-SimulatorRequests $Sim -Method POST | Where-Object path -like '*/access_tokens').Count | Should -BeGreaterThan 1

        Start-AppTest
        $null = Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKeyPath $KeyFile -Organization octo-org
        $null = Invoke-RestMethod -Uri "$($Sim.Url)/_simulator/installation-tokens" -Method Delete
        Clear-SimulatorLog $Sim
        (Get-CopilotOrgDetail).Organization | Should -Be 'octo-org'
        @(Get-SimulatorRequests $Sim | ForEach-Object { "$($_.method) $($_.path) $($_.status)" }) |
            Should -Be @('GET /orgs/octo-org/copilot/billing 401', 'POST /app/installations/101/access_tokens 201', 'GET /orgs/octo-org/copilot/billing 200')
    }

    It '-Token on a cmdlet wins over the App for that call' {
        $null = Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKeyPath $KeyFile -Organization octo-org
        $err = Get-ThrownError { Get-CopilotOrgDetail -Token (ConvertTo-SecureString 'sim_bad_override' -AsPlainText -Force) -ErrorAction Stop }
        $err.FullyQualifiedErrorId | Should -BeLike 'CopilotSeats.Http401*'
        (Get-CopilotOrgDetail).Organization | Should -Be 'octo-org'
    }

    It 'Disconnect-Copilot forgets the App' {
        $null = Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKeyPath $KeyFile -Organization octo-org
        Disconnect-Copilot
        $err = Get-ThrownError { Get-CopilotOrgDetail -Organization octo-org -ApiUrl $Sim.Url -ErrorAction Stop }
        $err.FullyQualifiedErrorId | Should -BeLike 'CopilotSeats.NoToken*'
    }

    It 'a listing in another runspace keeps its App sign-in to the end when this one runs <Command>' -ForEach @(
        @{ Command = 'Disconnect-Copilot' }
        @{ Command = 'Connect-Copilot -ApiUrl $Sim.Url -Token (ConvertTo-SecureString $Token -AsPlainText -Force)' }
        @{ Command = 'Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKeyPath $KeyFile -Organization octo-org' }
    ) {
        $null = Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKeyPath $KeyFile -Organization octo-org
        Set-SimulatorFaults $Sim @{ latencyMs = 40 }
        try {
            $job = Start-ThreadJob { Import-Module $using:ManifestPath; Get-CopilotSeat -PageSize 4 -ThrottleLimit 1 }
            $seatPages = { @(Get-SimulatorRequests $Sim -Method GET | Where-Object path -like '*/copilot/billing/seats').Count }
            while ((& $seatPages) -eq 0 -and $job.State -in 'NotStarted', 'Running') { Start-Sleep -Milliseconds 10 }
            $null = Invoke-Expression $Command
            & $seatPages | Should -BeIn (1..29) # the listing (30 pages) was under way
            $seats = @($job | Receive-Job -Wait -AutoRemoveJob -ErrorVariable jobErrors)
        } finally { Set-SimulatorFaults $Sim @{} }
        $jobErrors | Should -BeNullOrEmpty
        @($seats.Login | Sort-Object -Unique).Count | Should -Be 120
    }
}

Describe 'Connect-Copilot with an enterprise installation' {
    BeforeEach { Start-AppTest }
    AfterEach { Disconnect-Copilot }

    It 'finds it (the lookup is AppSignInTests''), then lists, assigns and cancels enterprise seats' {
        $c = Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKeyPath $KeyFile -Enterprise octo-ent
        $c.InstallationId | Should -Be 102
        $c.Enterprise | Should -Be 'octo-ent'
        $c.TokenSource | Should -Be 'GitHubApp'

        $seats = @(Get-CopilotSeat)
        $seats.Count | Should -BeGreaterThan 0
        $seats.Enterprise | Sort-Object -Unique | Should -Be 'octo-ent'
        (Add-CopilotUser -UserName ent-user-5).SeatsChanged | Should -Be 1
        (Remove-CopilotUser -UserName ent-user-5 -Confirm:$false).SeatsChanged | Should -Be 1
        $null = Add-CopilotTeam -TeamName ent-team-2
        $null = Remove-CopilotTeam -TeamName ent-team-1 -Confirm:$false
        @(Get-SimulatorRequests $Sim | Where-Object status -ge 400).Count | Should -Be 0
        @(Get-SimulatorRequests $Sim -Method POST | Where-Object path -like '*/access_tokens').Count | Should -Be 1
    }

    It 'finds it among GET /app/installations (paged) when GET /enterprises/{enterprise}/installation answers 404' {
        $installations = @(1..120 | ForEach-Object { @{ organization = "other-org-$_"; id = 1000 + $_ } }) + @(@{ enterprise = 'OCTO-ENT'; id = 5000 })
        $null = Register-SimulatorApp $Sim -ClientId $ClientId -PublicKey $Key.PublicKey -Installations $installations
        Set-SimulatorFaults $Sim @{ script = @(@{ method = 'GET'; pathContains = '/enterprises/octo-ent/installation'; status = 404; times = 5 }) }
        $c = Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKeyPath $KeyFile -Enterprise octo-ent
        $c.InstallationId | Should -Be 5000
        $c.Enterprise | Should -Be 'octo-ent'
        @(Get-SimulatorRequests $Sim | ForEach-Object { "$($_.method) $($_.path) $($_.status)" }) | Should -Be @(
            'GET /enterprises/octo-ent/installation 404', 'GET /app/installations 200', 'GET /app/installations 200',
            'POST /app/installations/5000/access_tokens 201')
        @(Get-CopilotSeat).Count | Should -BeGreaterThan 0
    }

    It 'Measure-CopilotSeat, Export-CopilotSeatReport and Get-CopilotUsage work for the enterprise on its token' {
        $null = Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKeyPath $KeyFile -Enterprise octo-ent
        $listed = @(Get-CopilotSeat -Enterprise octo-ent)
        $summary = Measure-CopilotSeat -Enterprise octo-ent
        $summary.Seats | Should -Be $listed.Count
        $report = Join-Path $KeyDir 'ent-report.html'
        $null = Export-CopilotSeatReport -Enterprise octo-ent -Path $report
        (Get-Content -LiteralPath $report -Raw) | Should -Match 'octo-ent'
        @(Get-CopilotUsage -Enterprise octo-ent).Count | Should -BeGreaterThan 0
        @(Get-SimulatorRequests $Sim | Where-Object status -ge 400).Count | Should -Be 0
        @(Get-SimulatorRequests $Sim | Where-Object path -like '/orgs/*').Count | Should -Be 0
    }

    It 'signs in with -PrivateKey and -InstallationId for the enterprise, without a lookup' {
        $c = Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKey (ConvertTo-TestSecureString $Key.Pkcs8) -InstallationId 102 -Enterprise octo-ent
        $c.InstallationId | Should -Be 102
        @(Get-SimulatorRequests $Sim | Where-Object path -like '*/installation').Count | Should -Be 0
        @(Get-CopilotSeat -Enterprise octo-ent).Count | Should -BeGreaterThan 0
    }

    It 'an organization cmdlet under it: CopilotSeats.EnterpriseInstallation before any request, saying to connect with the organization installation' {
        $null = Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKeyPath $KeyFile -Enterprise octo-ent
        Clear-SimulatorLog $Sim
        foreach ($call in @(
                { Get-CopilotSeat -Organization octo-org -ErrorAction Stop }
                { Get-CopilotOrgDetail -Organization octo-org -ErrorAction Stop }
                { Add-CopilotUser -Organization octo-org -UserName no-seat-1 -ErrorAction Stop }
                { Get-CopilotSeat -Organization octo-org -UserName user-0001 -ErrorAction Stop }
            )) {
            $err = Get-ThrownError $call
            Assert-ErrorRecord $err 'CopilotSeats.EnterpriseInstallation' InvalidOperation 'octo-org'
            $err.ToString() | Should -Match "enterprise installation's token does not reach organizations"
            $err.ErrorDetails.RecommendedAction | Should -Match 'Connect-Copilot -ClientId .* -Organization octo-org'
        }
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
        # -Token on the cmdlet is not the App's: it is sent.
        @(Get-CopilotSeat -Organization octo-org -Token (ConvertTo-SecureString 'sim_pesterOverride' -AsPlainText -Force)).Count | Should -Be 120
    }

    It 'the other way round: an enterprise cmdlet under an organization installation is CopilotSeats.OrganizationInstallation, before any request' {
        $null = Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKeyPath $KeyFile -Organization octo-org
        Clear-SimulatorLog $Sim
        $err = Get-ThrownError { Get-CopilotSeat -Enterprise octo-ent -ErrorAction Stop }
        Assert-ErrorRecord $err 'CopilotSeats.OrganizationInstallation' -Target 'octo-ent'
        $err.ToString() | Should -Match "organization installation's token has no enterprise permissions"
        $err.ErrorDetails.RecommendedAction | Should -Match 'Connect-Copilot -ClientId .* -Enterprise octo-ent'
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
    }

    It 'the member lookup, which GitHub keeps closed to Apps: the error names the endpoint and what to use instead' {
        $null = Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKeyPath $KeyFile -Enterprise octo-ent
        $err = Get-ThrownError { Get-CopilotSeat -UserName ent-user-1 -ErrorAction Stop }
        $err.FullyQualifiedErrorId | Should -BeLike 'CopilotSeats.Http403*'
        $err.ToString() | Should -Match ([regex]::Escape('GET /enterprises/{enterprise}/members/{username}/copilot'))
        $err.ErrorDetails.RecommendedAction | Should -Match 'Get-CopilotSeat -Enterprise octo-ent, without -UserName'
    }

    It 'an installation without the enterprise permission: the 403 names it, and says a classic token works' {
        $null = Register-SimulatorApp $Sim -ClientId $ClientId -PublicKey $Key.PublicKey -Installations @(@{ enterprise = 'octo-ent'; id = 102; permissions = @{ enterprise_copilot_metrics = 'read' } })
        $null = Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKeyPath $KeyFile -Enterprise octo-ent
        $err = Get-ThrownError { Get-CopilotSeat -ErrorAction Stop }
        Assert-ErrorRecord $err 'CopilotSeats.Http403' PermissionDenied
        $err.ToString() | Should -Match "lacks the enterprise permission 'Enterprise Copilot license management' \(read\)"
    }
}

Describe 'The App error ids' {
    BeforeEach { Start-AppTest }
    AfterEach { Disconnect-Copilot }

    # Every kind of bad key (encrypted, EC, public, junk, ...) is PemKeyReader's: tests/CopilotSeats.Core.Tests/AppKeyTests.cs.
    It 'CopilotSeats.BadPrivateKey for <Case>, from a file or a SecureString, before any request' -ForEach @(
        @{ Case = 'a missing file' }
        @{ Case = 'junk' }
    ) {
        $pem = if ($Case -eq 'junk') { 'not a key at all' }
        $path = Join-Path $KeyDir ('bad-' + [guid]::NewGuid().ToString('N') + '.pem')
        if ($null -ne $pem) { Set-Content -LiteralPath $path -Value $pem }
        Clear-SimulatorLog $Sim
        $err = Get-ThrownError { Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKeyPath $path -Organization octo-org }
        $err.FullyQualifiedErrorId | Should -BeLike 'CopilotSeats.BadPrivateKey*'
        $err.CategoryInfo.Category | Should -BeIn @('InvalidData', 'ObjectNotFound')
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        @(Get-SimulatorRequests $Sim).Count | Should -Be 0
        if ($null -ne $pem) {
            $err2 = Get-ThrownError { Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKey (ConvertTo-TestSecureString $pem) -Organization octo-org }
            $err2.FullyQualifiedErrorId | Should -BeLike 'CopilotSeats.BadPrivateKey*'
            @(Get-SimulatorRequests $Sim).Count | Should -Be 0
        }
    }

    It 'CopilotSeats.AppNotInstalled names the organization or enterprise' {
        $err = Get-ThrownError { Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKeyPath $KeyFile -Organization octo-lab }
        Assert-ErrorRecord $err 'CopilotSeats.AppNotInstalled' ObjectNotFound 'octo-lab'
        $err.ToString() | Should -Match 'octo-lab'
        $ent = Get-ThrownError { Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKeyPath $KeyFile -Enterprise other-ent }
        Assert-ErrorRecord $ent 'CopilotSeats.AppNotInstalled' -Target 'other-ent'
    }

    It 'CopilotSeats.AppAuthFailed quotes neither JWT nor token when GitHub echoes the Authorization header (<Path>)' -ForEach @(@{ Path = '/installation' }, @{ Path = '/access_tokens' }) {
        Set-SimulatorFaults $Sim @{ script = @(@{ pathContains = $Path; status = 401; message = 'Bad credentials echo: Authorization: {authorization}' }) }
        $err = Get-ThrownError { Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKeyPath $KeyFile -Organization octo-org }
        Assert-ErrorRecord $err 'CopilotSeats.AppAuthFailed' AuthenticationError
        $text = ConvertTo-AllText $err
        $text | Should -Match ([regex]::Escape('echo: Authorization: Bearer [redacted]'))
        $text | Should -Not -Match 'eyJ|ghs_'
    }

    It 'CopilotSeats.AppAuthFailed when GitHub refuses the JWT, with the likely causes' {
        $other = New-TestAppKey
        $null = Register-SimulatorApp $Sim -ClientId $ClientId -PublicKey $other.PublicKey
        $err = Get-ThrownError { Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKeyPath $KeyFile -Organization octo-org }
        Assert-ErrorRecord $err 'CopilotSeats.AppAuthFailed' AuthenticationError
        $err.ToString() | Should -Match 'client ID'
        $err.ToString() | Should -Match 'clock'
        @(Get-SimulatorRequests $Sim -Method POST).Count | Should -Be 0
    }

    It 'an installation without the seat permission: the 403 names the permission to grant, not a role' {
        $null = Register-SimulatorApp $Sim -ClientId $ClientId -PublicKey $Key.PublicKey -Installations @(@{ organization = 'octo-org'; id = 101; permissions = @{ organization_copilot_metrics = 'read' } })
        $null = Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKeyPath $KeyFile -Organization octo-org
        $err = Get-ThrownError { Get-CopilotSeat -ErrorAction Stop }
        Assert-ErrorRecord $err 'CopilotSeats.Http403' PermissionDenied
        $err.ToString() | Should -Match "lacks the organization permission 'GitHub Copilot Business' \(read\)"
        $err.ErrorDetails.RecommendedAction | Should -Match "^Grant the App the organization permission 'GitHub Copilot Business' \(read\)"
        $err.ErrorDetails.RecommendedAction | Should -Not -Match 'owner'
    }

    It 'a failed reconnect keeps the previous session' {
        $null = Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKeyPath $KeyFile -Organization octo-org
        $null = Get-ThrownError { Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKeyPath (Join-Path $KeyDir 'none.pem') -Organization octo-org }
        (Get-CopilotOrgDetail).Organization | Should -Be 'octo-org'
    }
}

# What each kind of token may read (classic with some scopes, fine-grained, App) is AccessChecker's:
# tests/CopilotSeats.Core.Tests/AccessCheckTests.cs. Here: the cmdlet's output, pipeline and session.
Describe 'Test-CopilotConnection' {
    BeforeEach { Start-AppTest }
    AfterEach { Disconnect-Copilot }

    It 'a classic token with the scopes: every check passes, GET only, per_page=1' {
        Register-SimulatorToken $Sim -Token 'ghp_pesterAllScopes' -Kind classic -Scopes 'manage_billing:copilot', 'read:org', 'admin:org'
        $check = Test-CopilotConnection -Organization octo-org -ApiUrl $Sim.Url -Token (ConvertTo-SecureString 'ghp_pesterAllScopes' -AsPlainText -Force)
        @($check).Count | Should -Be 1
        $check.GetType().FullName | Should -Be 'CopilotSeats.CopilotAccessCheck'
        $check.TokenKind | Should -Be 'Classic'
        $check.TokenSource | Should -Be 'Parameter'
        $check.Target | Should -Be 'octo-org'
        $check.Scopes | Should -Be @('manage_billing:copilot', 'read:org', 'admin:org')
        @($check.CanReadOrgDetail, $check.CanReadSeats, $check.CanReadUsage, $check.CanReadCreditUsage, $check.CanReadBudgets) | Should -Be @($true, $true, $true, $true, $true)
        $check.Problems.Count | Should -Be 0
        $check.RateLimitRemaining | Should -BeGreaterThan 0
        $check.RateLimitResetAt | Should -BeGreaterThan ([DateTimeOffset]::UtcNow)
        $requests = @(Get-SimulatorRequests $Sim)
        $requests.Count | Should -Be 5
        $requests.method | Sort-Object -Unique | Should -Be 'GET'
        ($requests | Where-Object path -like '*/seats').query | Should -Match 'per_page=1'
        (ConvertTo-AllText $check) | Should -Not -Match 'ghp_pesterAllScopes'
    }

    It 'a classic token without the scopes: every check fails as data, naming the scopes' {
        Register-SimulatorToken $Sim -Token 'ghp_pesterRepoOnly' -Kind classic -Scopes 'repo'
        $check = Test-CopilotConnection -Organization octo-org -ApiUrl $Sim.Url -Token (ConvertTo-SecureString 'ghp_pesterRepoOnly' -AsPlainText -Force) -ErrorVariable errs
        $errs.Count | Should -Be 0
        @($check.CanReadOrgDetail, $check.CanReadSeats, $check.CanReadUsage, $check.CanReadCreditUsage, $check.CanReadBudgets) | Should -Be @($false, $false, $false, $false, $false)
        $check.Problems.Count | Should -Be 5
        ($check.Problems -join "`n") | Should -Match 'manage_billing:copilot or read:org'
        ($check | ConvertTo-Csv | ConvertFrom-Csv).Scopes | Should -Be 'repo'
        ($check | ConvertTo-Csv | ConvertFrom-Csv).Problems | Should -Match '^Org detail: .+; Seats: .+; Usage: .+; AI-credit usage: .+; Budgets: '
    }

    It 'an App token, from Connect-Copilot' {
        $null = Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKeyPath $KeyFile -Organization octo-org
        $check = Test-CopilotConnection
        $check.TokenKind | Should -Be 'GitHubApp'
        $check.TokenSource | Should -Be 'GitHubApp'
        @($check.CanReadOrgDetail, $check.CanReadSeats, $check.CanReadUsage) | Should -Be @($true, $true, $true)
        $lines = @(Test-CopilotConnection | Out-String -Width 80 -Stream)
        ($lines -join "`n") | Should -Match 'TokenKind\s+: GitHubApp'
        ($lines -join "`n") | Should -Match 'Problems\s+: AI-credit usage: needs the organization'
        ($lines -join "`n") | Should -Match '(?m)^\s+Budgets: needs the'
    }

    It 'an enterprise App: -Enterprise reports what its installation may do' {
        $null = Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKeyPath $KeyFile -Enterprise octo-ent
        $check = Test-CopilotConnection -Enterprise octo-ent
        $check.TokenKind | Should -Be 'GitHubApp'
        $check.Target | Should -Be 'octo-ent'
        $check.AppPermissions | Should -Be @('enterprise_copilot_license_management=write', 'enterprise_copilot_metrics=read')
        ($check | ConvertTo-Csv | ConvertFrom-Csv).AppPermissions | Should -Be 'enterprise_copilot_license_management=write, enterprise_copilot_metrics=read'
        ((Test-CopilotConnection | Out-String -Width 120 -Stream) -join "`n") | Should -Match 'AppPermissions\s+: enterprise_copilot_license_management=write, enterprise_copilot_metrics=read'
    }

    It 'a target its installation cannot reach (<Case>): every check false, the refusal in Problems, no error, nothing sent' -ForEach @(
        @{ Case = 'enterprise installation, -Organization'; Connect = @{ Enterprise = 'octo-ent' }; Target = @{ Organization = 'octo-org' }; OrgDetail = $false
           Refusal = "enterprise installation's token does not reach organizations" }
        @{ Case = 'organization installation, -Enterprise'; Connect = @{ Organization = 'octo-org' }; Target = @{ Enterprise = 'octo-ent' }; OrgDetail = $null
           Refusal = "organization installation's token has no enterprise permissions" }
    ) {
        $null = Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKeyPath $KeyFile @Connect
        Clear-SimulatorLog $Sim
        $check = Test-CopilotConnection @Target -ErrorVariable errs
        $errs.Count | Should -Be 0
        $check.CanReadOrgDetail | Should -Be $OrgDetail
        @($check.CanReadSeats, $check.CanReadUsage, $check.CanReadCreditUsage, $check.CanReadBudgets) | Should -Be @($false, $false, $false, $false)
        @($check.Problems).Count | Should -Be 1
        $check.Problems[0] | Should -Match ([regex]::Escape($Refusal))
        @(Get-SimulatorRequests $Sim | Where-Object path -notlike '/app/*').Count | Should -Be 0
    }

    It 'takes organizations from the pipeline (names, or objects with Organization or Enterprise): one check per target' {
        $token = ConvertTo-SecureString 'sim_pesterPipeline' -AsPlainText -Force
        $checks = @('octo-org', 'octo-lab', 'OCTO-ORG', 'octo-lab' | Test-CopilotConnection -ApiUrl $Sim.Url -Token $token)
        $checks.Target | Should -Be @('octo-org', 'octo-lab')
        $checks.CanReadSeats | Should -Be @($true, $true)
        Clear-SimulatorLog $Sim
        $fromObjects = @([pscustomobject]@{ Organization = 'octo-lab' }, [pscustomobject]@{ Enterprise = 'octo-ent' }, [pscustomobject]@{ Organization = 'octo-lab' } |
                Test-CopilotConnection -ApiUrl $Sim.Url -Token $token)
        $fromObjects.Target | Should -Be @('octo-lab', 'octo-ent')
        $fromObjects[1].CanReadOrgDetail | Should -BeNullOrEmpty
        @(Get-SimulatorRequests $Sim).Count | Should -Be 9
        $connection = Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKeyPath $KeyFile -Organization octo-org
        ($connection | Test-CopilotConnection).Target | Should -Be 'octo-org'
    }

    It 'no token is a terminating error' {
        $err = Get-ThrownError { Test-CopilotConnection -Organization octo-org -ApiUrl $Sim.Url }
        $err.FullyQualifiedErrorId | Should -BeLike 'CopilotSeats.NoToken*'
    }
}

Describe 'Secrets of a GitHub App sign-in' {
    It 'a canary private key, JWT and installation tokens (organization and enterprise) are found in no stream, transcript or error' {
        Start-AppTest -Lifetime 2
        $transcript = Join-Path $KeyDir 'transcript.txt'
        $null = Start-Transcript -LiteralPath $transcript -Force
        try {
            $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'
            $all = @(& {
                    Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKeyPath $KeyFile -Organization octo-org -Verbose
                    Get-CopilotSeat -PageSize 50 -Verbose -Debug
                    Test-CopilotConnection -Verbose
                    $null = Invoke-RestMethod -Uri "$($Sim.Url)/_simulator/installation-tokens" -Method Delete
                    Get-CopilotOrgDetail -Verbose
                    Get-CopilotSeat -Organization octo-lab -Verbose
                    try { Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKeyPath $KeyFile -Organization octo-lab } catch { $_ }
                    Connect-Copilot -ApiUrl $Sim.Url -ClientId $ClientId -PrivateKeyPath $KeyFile -Enterprise octo-ent -Verbose
                    Get-CopilotSeat -PageSize 5 -Verbose -Debug
                    Test-CopilotConnection -Verbose
                    $null = Invoke-RestMethod -Uri "$($Sim.Url)/_simulator/installation-tokens" -Method Delete
                    Add-CopilotUser -UserName ent-user-5 -Verbose
                    try { Get-CopilotSeat -UserName ent-user-1 -ErrorAction Stop } catch { $_ }
                    try { Get-CopilotSeat -Organization octo-org -ErrorAction Stop } catch { $_ }
                } *>&1)
            $VerbosePreference = 'SilentlyContinue'; $DebugPreference = 'SilentlyContinue'
        }
        catch { $all += $_ }
        finally { $null = Stop-Transcript }
        $errorsSeen = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errorsSeen.Count | Should -BeGreaterThan 0 -Because 'the octo-lab calls fail (the App is not installed there)'
        @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 3
        $text = (ConvertTo-AllText $all) + (ConvertTo-AllText $Error) + (Get-Content -LiteralPath $transcript -Raw) + (Get-SimulatorLogText $Sim)
        $text | Should -Match 'GitHub App' -Because 'the verbose lines speak of the App'
        # GitHub's stateless installation tokens (~520 characters) have '_', '.' and '-' after ghs_.
        $text | Should -Not -Match 'ghs_[A-Za-z0-9._-]{20}'
        $text | Should -Not -Match 'eyJ[A-Za-z0-9_-]{10,}\.'
        foreach ($line in Get-PemBodyLines $Key.Pkcs1) { $text.Contains($line) | Should -BeFalse }
        foreach ($line in Get-PemBodyLines $Key.Pkcs8) { $text.Contains($line) | Should -BeFalse }
        Disconnect-Copilot
    }
}
