// The curl lines of docs/jobs.md, exactly as printed there. jobs-curl.test.ts runs each against a
// real `wrangler dev`, with BASE, JOB, TOKEN, NEXT and NEXT_TOKEN set as the page says.
export const jobExamples = {
  encoderCsv: String.raw`printf 'i1,i2,i3,i4,i5,i6,i7,i8,o1,o2,o3,o4,o5,o6,o7,o8\n1,0,0,0,0,0,0,0,1,0,0,0,0,0,0,0\n0,1,0,0,0,0,0,0,0,1,0,0,0,0,0,0\n0,0,1,0,0,0,0,0,0,0,1,0,0,0,0,0\n0,0,0,1,0,0,0,0,0,0,0,1,0,0,0,0\n0,0,0,0,1,0,0,0,0,0,0,0,1,0,0,0\n0,0,0,0,0,1,0,0,0,0,0,0,0,1,0,0\n0,0,0,0,0,0,1,0,0,0,0,0,0,0,1,0\n0,0,0,0,0,0,0,1,0,0,0,0,0,0,0,1\n' > encoder.csv`,
  startJob: `curl -s "$BASE/api/jobs?outputs=8&hidden=3&activation=sigmoid&loss=bce&optimizer=momentum&momentum=0.9&lr=0.5&seed=0&epochs=5000" -H 'Content-Type: text/csv' --data-binary @encoder.csv`,
  follow: `curl -s -N "$BASE/api/jobs/$JOB/events" -H "Authorization: Bearer $TOKEN"`,
  status: `curl -s -i "$BASE/api/jobs/$JOB" -H "Authorization: Bearer $TOKEN"`,
  model: `curl -s "$BASE/api/models/$JOB"`,
  more: `curl -s -X POST "$BASE/api/models/$JOB/train?epochs=1000"`,
  jobFrom: `curl -s "$BASE/api/jobs" -H 'Content-Type: application/json' -d "{\\"from\\":\\"$JOB\\",\\"epochs\\":90000}"`,
  cancel: `curl -s -i -X DELETE "$BASE/api/jobs/$NEXT" -H "Authorization: Bearer $NEXT_TOKEN"`,
} as const;
