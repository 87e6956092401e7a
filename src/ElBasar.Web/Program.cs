using ElBasar.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddElBasar();
var app = builder.Build();
app.UseElBasar();
return await Verbs.RunAsync(app, args);

public partial class Program;
