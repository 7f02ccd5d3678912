namespace Opsg.Functions.Submissions;

/// <summary>How evidence files are served (config section <c>Evidence</c>).</summary>
public sealed class EvidenceOptions
{
    /// <summary>
    /// Serve only what Defender for Storage found clean (<see cref="MalwareScan"/>). On in Azure wherever infra turns
    /// malware scanning on; off by default, as nothing scans Azurite.
    /// </summary>
    public bool MalwareScanRequired { get; set; }
}
