from prongsai.lending.flowchart import flowchart_svg


def service_flowchart(service) -> str:
    steps = [{"title": s.text, "who": s.responsible, "time": s.time_display()} for s in service.steps.all()]
    return flowchart_svg(steps, title=service.title)
