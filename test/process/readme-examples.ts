// The curl examples of the README and docs/api.md, exactly as printed there (docs-sync.test.ts
// checks each stands in a doc as a line of its own). curl.test.ts runs each one against a real
// `wrangler dev`, with BASE, ID and TOKEN set as the README says.
export const readmeExamples = {
  csv: String.raw`printf 'a,b,xor\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n' > xor.csv`,
  trainCsv: `curl -s "$BASE/api/train?hidden=4&epochs=2000" -H 'Content-Type: text/csv' --data-binary @xor.csv`,
  predictGet: `curl -s "$BASE/api/models/$ID/predict?x=0,0&x=0,1&x=1,0&x=1,1"`,
  predictPost: `curl -s "$BASE/api/models/$ID/predict" -H 'Content-Type: application/json' -d '{"inputs":[[1,1],[1,0]]}'`,
  fetch: `curl -s -i "$BASE/api/models/$ID"`,
  trainJson: `curl -s "$BASE/api/train" -H 'Content-Type: application/json' -d '{"table":{"inputs":[[0,0],[0,1],[1,0],[1,1]],"targets":[[0],[0],[0],[1]]},"network":{"hidden":[],"output":"sigmoid"},"training":{"epochs":2000,"learningRate":1,"loss":"bce"},"persist":false}'`,
  invalid: `curl -s "$BASE/api/train" -H 'Content-Type: application/json' -d '{"table":{"inputs":[[0,1e999]],"targets":[[1]]},"network":{"hidden":[],"output":"sigmoid"},"training":{"epochs":10,"learningRate":1}}'`,
  overBudget: `curl -s "$BASE/api/train?hidden=64,64&epochs=100000" -H 'Content-Type: text/csv' --data-binary @xor.csv`,
  deleteModel: `curl -s -i -X DELETE "$BASE/api/models/$ID" -H "Authorization: Bearer $TOKEN"`,
  health: `curl -s "$BASE/api/health"`,
} as const;
