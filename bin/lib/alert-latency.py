#!/usr/bin/env python3
# CRITICAL screening -> alert-raised on the on-duty psychologist's SSE stream, through the gateway of a running local stack.
# Usage (from the repo root, after bin/heartline up and a rota for school-e2e/district-e2e naming psy-e2e):
#   python3 bin/lib/alert-latency.py RATE SECONDS
# Open loop: each submission is scheduled at start + i/RATE (a new student each); its latency counts from that time
# to the alert on the stream (matched through the case's subject in heartline_crisis). Prints p50/p90/p99/max.
import subprocess, time, json, urllib.request, threading, random, os, sys
from concurrent.futures import ThreadPoolExecutor
G="http://localhost:8080"; RATE=int(sys.argv[1]); SECS=int(sys.argv[2])
def tok(role, sub): return subprocess.check_output(["bin/heartline","token","--role",role,"--school","school-e2e","--district","district-e2e","--sub",sub]).decode().strip()
psy=tok("psychologist","psy-e2e")
got={}  # case id -> perf time
def stream():
    req=urllib.request.Request(G+"/api/v1/alerts/stream",headers={"Authorization":"Bearer "+psy,"Accept":"text/event-stream"})
    with urllib.request.urlopen(req) as r:
        ev=None
        for line in r:
            line=line.decode().rstrip("\n")
            if line.startswith("event:"): ev=line[6:]
            elif line.startswith("data:") and ev=="alert-raised":
                d=json.loads(line[5:]); got.setdefault(d["alert"]["record"]["id"], time.perf_counter())
threading.Thread(target=stream,daemon=True).start()
time.sleep(1)
body=json.dumps({"instrument":"PHQ-A","answers":[{"item":i,"value":3} for i in range(1,10)]+[{"item":i,"value":1} for i in range(10,14)]}).encode()
run="r%d"%random.randint(0,10**9)
n=RATE*SECS
toks=[(f"stu-{run}-{i}",tok("student",f"stu-{run}-{i}")) for i in range(n)]
sched={}
def submit(i, t_sched):
    sub,tk=toks[i]
    now=time.perf_counter()
    if t_sched>now: time.sleep(t_sched-now)
    sched[sub]=t_sched
    req=urllib.request.Request(G+"/api/v1/screenings",data=body,headers={"Authorization":"Bearer "+tk,"Content-Type":"application/json"})
    try: urllib.request.urlopen(req, timeout=30).read()
    except Exception as e: print("err",e)
start=time.perf_counter()+0.5
with ThreadPoolExecutor(64) as ex:
    for i in range(n): ex.submit(submit, i, start+i/RATE)
time.sleep(5)
rows=subprocess.check_output(["psql","-h","127.0.0.1","-U","postgres","-d","heartline_crisis","-Atc",f"select id||'|'||subject_id from crisis_case where subject_id like 'stu-{run}-%'"]).decode().split()
lat=[]
for r in rows:
    cid,sub=r.split("|")
    if cid in got and sub in sched: lat.append((got[cid]-sched[sub])*1000)
lat.sort()
q=lambda p: lat[min(len(lat)-1,int(len(lat)*p))]
print(f"rate {RATE}/s for {SECS}s: n={len(lat)} of {n}  p50={q(.5):.0f} ms p90={q(.9):.0f} ms p99={q(.99):.0f} ms max={lat[-1]:.0f} ms")
