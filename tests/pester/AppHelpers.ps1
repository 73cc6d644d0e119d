# GitHub App helpers for the Pester suite (dot-source after TestHelpers.ps1). Keys are generated at run time;
# nothing secret is committed.

# A new RSA key pair: the private key as PKCS#1 and PKCS#8 PEM, the public key as PEM.
function New-TestAppKey {
    param([int] $Size = 2048)
    $rsa = [System.Security.Cryptography.RSA]::Create($Size)
    try {
        [pscustomobject]@{
            Pkcs1     = $rsa.ExportRSAPrivateKeyPem()
            Pkcs8     = $rsa.ExportPkcs8PrivateKeyPem()
            PublicKey = $rsa.ExportSubjectPublicKeyInfoPem()
        }
    }
    finally { $rsa.Dispose() }
}

# Registers a GitHub App with the simulator (control API). Installations: octo-org (101) and octo-ent (102)
# unless given as @(@{ organization = 'x'; id = 1 }, @{ enterprise = 'e' }, ...).
function Register-SimulatorApp {
    param($Sim, [string] $ClientId, [string] $PublicKey, [int] $TokenLifetimeSeconds = 3600, [object[]] $Installations)
    if (-not $Installations) { $Installations = @(@{ organization = 'octo-org'; id = 101 }, @{ enterprise = 'octo-ent'; id = 102 }) }
    $body = @{ clientId = $ClientId; appId = 4242; publicKey = $PublicKey; tokenLifetimeSeconds = $TokenLifetimeSeconds; installations = $Installations }
    Invoke-RestMethod -Uri "$($Sim.Url)/_simulator/apps" -Method Post -ContentType 'application/json' -Body ($body | ConvertTo-Json -Depth 6)
}

# Tags a token in the simulator: classic, oauth or fine-grained, with scopes or permissions.
function Register-SimulatorToken {
    param($Sim, [string] $Token, [string] $Kind, [string[]] $Scopes = @(), [hashtable] $Permissions = @{})
    $body = @{ token = $Token; kind = $Kind; scopes = @($Scopes); permissions = $Permissions }
    $null = Invoke-RestMethod -Uri "$($Sim.Url)/_simulator/tokens" -Method Post -ContentType 'application/json' -Body ($body | ConvertTo-Json -Depth 4)
}

function ConvertTo-TestSecureString([string] $Text) {
    $secure = New-Object System.Security.SecureString
    foreach ($c in $Text.ToCharArray()) { $secure.AppendChar($c) }
    $secure.MakeReadOnly()
    return $secure
}

# The base64 lines of a PEM text (what would show if a key leaked).
function Get-PemBodyLines([string] $Pem) {
    @($Pem -split "`r?`n" | Where-Object { $_ -and -not $_.StartsWith('-----') -and $_.Length -gt 20 })
}
