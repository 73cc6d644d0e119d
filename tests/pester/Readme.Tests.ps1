# The README's PowerShell examples, run as written against the simulator.
#
# The examples name octo-org, octo-ent, team-2, no-seat-N, ...: the simulator's seed. Only two things
# are adapted: the simulator's URL replaces http://127.0.0.1:5055, and the module path is absolute.
# The token and API URL come from GH_TOKEN and GITHUB_API_URL, as the first example says they may.
# Blocks that need a person (Read-Host) or a real GitHub host are listed, not run.

BeforeDiscovery {
    $readme = Join-Path $PSScriptRoot (Join-Path '..' (Join-Path '..' 'README.md'))
    $lines = Get-Content -LiteralPath $readme
    $blocks = New-Object System.Collections.Generic.List[object]
    $inBlock = $false
    for ($i = 0; $i -lt $lines.Count; $i++) {
        if (-not $inBlock -and $lines[$i] -match '^```powershell\s*$') {
            $inBlock = $true
            $start = $i + 2
            $code = New-Object System.Collections.Generic.List[string]
        }
        elseif ($inBlock -and $lines[$i] -match '^```\s*$') {
            $inBlock = $false
            $text = $code -join "`n"
            $offline = $text -match 'Read-Host' -or $text -match '\.ghe\.com'
            $blocks.Add(@{ Line = $start; Code = $text; Offline = $offline })
        }
        elseif ($inBlock) {
            $code.Add($lines[$i])
        }
    }
    $script:Runnable = @($blocks | Where-Object { -not $_.Offline })
    $script:Offline = @($blocks | Where-Object { $_.Offline })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Sim, $null = Start-TestSession
    $script:SavedEnv = @{ GH_TOKEN = $env:GH_TOKEN; GITHUB_TOKEN = $env:GITHUB_TOKEN; GITHUB_API_URL = $env:GITHUB_API_URL }
    $script:WorkDir = Join-Path ([System.IO.Path]::GetTempPath()) ('copilotseats-readme-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $WorkDir
    Reset-Simulator $Sim
    # The GitHub App of the README's App examples: its key file where they expect it, registered before each example.
    . (Join-Path $PSScriptRoot 'AppHelpers.ps1')
    $script:AppKey = New-TestAppKey
    Set-Content -LiteralPath (Join-Path $WorkDir 'copilot-seats.private-key.pem') -Value $AppKey.Pkcs1 -NoNewline
}

AfterAll {
    Disconnect-Copilot
    foreach ($name in $SavedEnv.Keys) { Set-Item -Path "Env:$name" -Value $SavedEnv[$name] }
    Remove-Item -LiteralPath $WorkDir -Recurse -Force -ErrorAction SilentlyContinue
    Stop-TestSimulator $Sim
}

Describe 'README examples' {
    BeforeEach {
        Disconnect-Copilot
        $env:GH_TOKEN = $CanaryToken
        $env:GITHUB_TOKEN = $null
        $env:GITHUB_API_URL = $Sim.Url
        $null = Register-SimulatorApp $Sim -ClientId 'Iv23liExampleApp' -PublicKey $AppKey.PublicKey
        Clear-SimulatorLog $Sim
    }

    It 'the README has runnable examples, and only person- or GitHub-bound ones are left out' -ForEach @{ RunnableCount = $Runnable.Count; OfflineCount = $Offline.Count } {
        $RunnableCount | Should -BeGreaterOrEqual 8
        $OfflineCount | Should -BeLessOrEqual 2
    }

    It 'the example at README line <Line> runs without an error' -ForEach $Runnable {
        $script_ = $Code.Replace('http://127.0.0.1:5055', $Sim.Url).Replace('./out/CopilotSeats/CopilotSeats.psd1', "'$ManifestPath'")
        Push-Location -LiteralPath $WorkDir
        try {
            $errorsBefore = $Error.Count
            # Any error the example does not silence itself stops it and fails the test.
            $output = & {
                $ErrorActionPreference = 'Stop'
                . ([scriptblock]::Create($script_))
            } 6>&1 | Out-String
            $output | Should -Not -Match 'Exception'
            # An example that silences its errors (-ErrorAction SilentlyContinue) may add to $Error,
            # but only with CopilotSeats errors (a user without a seat), never anything else.
            $newErrors = @($Error | Select-Object -First ($Error.Count - $errorsBefore))
            foreach ($e in $newErrors) { "$($e.FullyQualifiedErrorId)" | Should -BeLike 'CopilotSeats.*' }
        }
        finally {
            Pop-Location
        }
        (Get-SimulatorLogText $Sim) | Should -Not -Match ([regex]::Escape($CanaryToken))
    }

    It 'the quick start wrote the seat report and added the two users' -ForEach @{ Quick = ($Runnable | Where-Object { $_.Code -match 'Export-Csv seats\.csv' } | Select-Object -First 1) } {
        $Quick | Should -Not -BeNullOrEmpty
        Reset-Simulator $Sim
        Push-Location -LiteralPath $WorkDir
        try {
            & { $ErrorActionPreference = 'Stop'; . ([scriptblock]::Create($Quick.Code)) } *> $null
            @(Import-Csv -LiteralPath (Join-Path $WorkDir 'seats.csv')).Count | Should -Be 120
        }
        finally {
            Pop-Location
        }
        $posts = @(Get-SimulatorRequests $Sim -Method POST)
        $posts.Count | Should -Be 1
        (@((Get-RequestBody $posts[0]).selected_usernames) -join ',') | Should -Be 'no-seat-1,no-seat-2'
        @(Get-SimulatorRequests $Sim -Method DELETE).Count | Should -Be 0   # the Remove line is -WhatIf
    }
}
