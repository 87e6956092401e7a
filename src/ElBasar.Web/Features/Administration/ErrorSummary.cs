namespace ElBasar.Web.Features.Administration;

/// <summary>What <c>_Errors.cshtml</c> shows above a refused form: a title, and each message linked to its field's id.</summary>
public sealed record ErrorSummary(string Title, IReadOnlyDictionary<string, string> Errors);
