// The package from CommonJS TypeScript: `require` resolves its own types.
import ir = require("@incident-response/core");

const decision: ir.Decision = ir.decide({ severity: "P2" });
const outcome: ir.Outcome = decision.outcome;
const error: typeof ir.IncidentResponseError = ir.IncidentResponseError;
console.log(outcome, error.name);
