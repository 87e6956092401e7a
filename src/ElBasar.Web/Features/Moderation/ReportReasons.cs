namespace ElBasar.Web.Features.Moderation;

/// <summary>The short list a person picks from when reporting, in the order shown.</summary>
public static class ReportReasons
{
    public static readonly IReadOnlyList<(ReportReason Reason, string Label)> All =
    [
        (ReportReason.Fraud, "Arnaque ou tentative de fraude"),
        (ReportReason.Offensive, "Contenu choquant, haineux ou illégal"),
        (ReportReason.Spam, "Publicité abusive ou spam"),
        (ReportReason.Misleading, "Information fausse ou trompeuse"),
        (ReportReason.Other, "Autre raison (à préciser)"),
    ];

    public static string Label(ReportReason reason) => All.First(r => r.Reason == reason).Label;

    public static string ActionLabel(ModerationAction action) => action switch
    {
        ModerationAction.Hide => "Masquée",
        ModerationAction.Restore => "Rétablie",
        _ => "Signalements classés sans suite",
    };
}
