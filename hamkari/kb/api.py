from ninja import NinjaAPI

api = NinjaAPI(title="Hamkari", version="1")
