# Module layout: what Import-Module gives a user before any request is sent.

BeforeDiscovery {
    $AllCmdlets = @('Connect-Copilot', 'Disconnect-Copilot', 'Get-CopilotOrgDetail', 'Get-CopilotSeat',
        'Add-CopilotUser', 'Remove-CopilotUser', 'Add-CopilotTeam', 'Remove-CopilotTeam') | ForEach-Object { @{ Name = $_ } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-CopilotSeatsModule
}

Describe 'CopilotSeats module import' {
    It 'imports from out/CopilotSeats/CopilotSeats.psd1 as a binary module' {
        $module = Get-Module -Name CopilotSeats
        $module | Should -Not -BeNullOrEmpty
        $module.Path | Should -Not -BeNullOrEmpty
        $module.ModuleBase | Should -BeLike '*CopilotSeats*'
    }

    It 'exports exactly the eight cmdlets' {
        $expected = @('Add-CopilotTeam', 'Add-CopilotUser', 'Connect-Copilot', 'Disconnect-Copilot',
            'Get-CopilotOrgDetail', 'Get-CopilotSeat', 'Remove-CopilotTeam', 'Remove-CopilotUser')
        $exported = @((Get-Module -Name CopilotSeats).ExportedCommands.Keys | Sort-Object)
        ($exported -join ',') | Should -Be (($expected | Sort-Object) -join ',')
        foreach ($name in $expected) {
            "$((Get-Command -Name $name -Module CopilotSeats).CommandType)" | Should -Be 'Cmdlet'
        }
    }

    It '<Name> declares OutputType <Type>' -ForEach @(
        @{ Name = 'Connect-Copilot'; Type = 'CopilotSeats.CopilotConnection' }
        @{ Name = 'Get-CopilotOrgDetail'; Type = 'CopilotSeats.CopilotOrgDetail' }
        @{ Name = 'Get-CopilotSeat'; Type = 'CopilotSeats.CopilotSeat' }
        @{ Name = 'Add-CopilotUser'; Type = 'CopilotSeats.CopilotSeatChange' }
        @{ Name = 'Remove-CopilotUser'; Type = 'CopilotSeats.CopilotSeatChange' }
        @{ Name = 'Add-CopilotTeam'; Type = 'CopilotSeats.CopilotSeatChange' }
        @{ Name = 'Remove-CopilotTeam'; Type = 'CopilotSeats.CopilotSeatChange' }
    ) {
        @((Get-Command -Name $Name).OutputType | ForEach-Object { $_.Name }) | Should -Contain $Type
    }

    It 'Get-Help <Name> has a synopsis and at least one example' -ForEach $AllCmdlets {
        $help = Get-Help -Name $Name -Full
        $synopsis = ([string]$help.Synopsis).Trim()
        $synopsis | Should -Not -BeNullOrEmpty
        # Without a help file PowerShell shows the syntax as the synopsis.
        $synopsis -match ('^' + [regex]::Escape($Name) + '\s+[\[-]') | Should -BeFalse -Because 'the synopsis should be prose, not the generated syntax'
        $examples = @($help.examples.example | Where-Object { $null -ne $_ })
        $examples.Count | Should -BeGreaterOrEqual 1
    }

    It 'the four mutating cmdlets support -WhatIf, -Confirm and -Force' {
        foreach ($name in 'Add-CopilotUser', 'Remove-CopilotUser', 'Add-CopilotTeam', 'Remove-CopilotTeam') {
            $parameters = (Get-Command -Name $name).Parameters
            $parameters.ContainsKey('WhatIf') | Should -BeTrue
            $parameters.ContainsKey('Confirm') | Should -BeTrue
            $parameters.ContainsKey('Force') | Should -BeTrue
        }
    }

    It 'every API cmdlet has the shared connection and reliability parameters' {
        foreach ($name in 'Get-CopilotOrgDetail', 'Get-CopilotSeat', 'Add-CopilotUser', 'Remove-CopilotUser', 'Add-CopilotTeam', 'Remove-CopilotTeam') {
            $parameters = (Get-Command -Name $name).Parameters
            foreach ($p in 'Token', 'ApiUrl', 'ApiVersion', 'ThrottleLimit', 'MaxRetries', 'MaxRateLimitWait', 'TimeoutSec') {
                $parameters.ContainsKey($p) | Should -BeTrue -Because "$name should have -$p"
            }
            $parameters['Token'].ParameterType.FullName | Should -Be 'System.Security.SecureString'
        }
    }

    It 'Get-CopilotSeat and Add-CopilotUser accept -Login as an alias of -UserName' {
        (Get-Command Get-CopilotSeat).Parameters['UserName'].Aliases | Should -Contain 'Login'
        (Get-Command Add-CopilotUser).Parameters['UserName'].Aliases | Should -Contain 'Login'
        (Get-Command Remove-CopilotUser).Parameters['UserName'].Aliases | Should -Contain 'Login'
    }

    It 'every help example of <Name> parses and uses only parameters the cmdlets have' -ForEach $AllCmdlets {
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        $ours = @((Get-Module -Name CopilotSeats).ExportedCommands.Keys)
        $checked = 0
        foreach ($example in @((Get-Help -Name $Name -Full).examples.example | Where-Object { $null -ne $_ })) {
            $code = [string]$example.code
            $tokens = $null
            $errors = $null
            $ast = [System.Management.Automation.Language.Parser]::ParseInput($code, [ref]$tokens, [ref]$errors)
            @($errors).Count | Should -Be 0 -Because "the example '$code' must parse"
            $calls = $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] -and $ours -contains $n.GetCommandName() }, $true)
            foreach ($call in $calls) {
                $parameters = (Get-Command -Name $call.GetCommandName()).Parameters
                $names = @($parameters.Keys) + @($parameters.Values | ForEach-Object { $_.Aliases }) + $common
                foreach ($p in @($call.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] })) {
                    $names | Should -Contain $p.ParameterName -Because "'$code' passes -$($p.ParameterName) to $($call.GetCommandName())"
                    $checked++
                }
            }
        }
        if ($Name -ne 'Disconnect-Copilot') { $checked | Should -BeGreaterThan 0 }
    }
}
