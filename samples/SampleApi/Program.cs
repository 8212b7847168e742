// The sample API. Each file under Rules/ shows one rule: the code it flags, marked "// AUTHnnn: flagged",
// next to the correct forms, marked "// correct".
using SampleApi.Rules;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllers();
builder.Services.AddAuthentication("ApiKey")
    .AddScheme<ApiKeyOptions, ApiKeyHandler>("ApiKey", _ => { });
builder.Services.AddAuthorization();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapControllers();
app.MapAuth001Endpoints();
app.Run();
