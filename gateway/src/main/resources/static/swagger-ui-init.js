// Swagger UI over the one contract the gateway serves (contracts/openapi.yaml); its server URL is relative,
// so "Try it out" calls whichever host served this page. Authorize with the bearer key.
window.ui = SwaggerUIBundle({
  url: "openapi.yaml",
  dom_id: "#swagger-ui",
  persistAuthorization: true
});
